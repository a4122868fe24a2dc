#!/bin/sh
# A thirty-third corpus: the released wheels of projects no rule had been
# tuned on (developer tools, profilers, packaging), fetched (round 3,
# session 13, 2 Dec 2026) and run only after the changes made from
# corpus32's verdicts (9eefcc6), to measure whether the held-back figure
# holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus33.sh DEST
set -eu
dest=${1:?usage: fetch-corpus33.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    antlr4-python3-runtime==4.13.2 bump2version==1.0.1 cffi==2.1.1 \
    cfgv==3.5.0 check-manifest==0.51 commitizen==4.19.3 cython==3.3.1 \
    flit==4.2.0 gitpython==3.2.1 guppy3==3.1.7 identify==2.6.20 \
    line-profiler==5.1.0 llvmlite==0.50.0 memory-profiler==0.61.0 \
    memray==1.20.0 nodeenv==1.12.0 objgraph==3.7.0 parsimonious==0.11.0 \
    pdm-backend==2.5.0 pip-tools==7.6.2 pipdeptree==4.2.15 pipx==1.18.4 \
    pybind11==3.1.0 pygit2==1.21.0 pympler==1.1 pythran==0.19.0 \
    rich-argparse==1.8.0 snakeviz==2.2.2 towncrier==26.9.0 tuna==0.5.15 \
    viztracer==1.1.1 wheel==0.48.0 yappi==1.7.6
