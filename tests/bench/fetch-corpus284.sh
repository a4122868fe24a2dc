#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (HPC workflow tools, code review and CI systems: hpccm, jobflow,
# maestrowf, moin, nodepool, perfplot, rbtools, reframe-hpc,
# reviewboard, zuul), fetched (round 3, session 32, 4 Dec 2026) and run
# with the release build of af2cad8, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus284.sh DEST
set -eu
dest=${1:?usage: fetch-corpus284.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    hpccm==26.5.0 jobflow==0.4.0 maestrowf==1.2.1 moin==2.0.0b5 \
    nodepool==11.0.0 perfplot==0.10.2 rbtools==7.0 reframe-hpc==4.10.4 \
    reviewboard==8.1 zuul==14.3.0
