#!/bin/sh
# An eighth corpus: the released wheels of projects no rule had been tuned
# on, fetched (round 3, session 7, 1 Dec 2026) after the changes made from
# corpus7's verdicts, to measure whether those changes generalise. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus8.sh DEST
set -eu
dest=${1:?usage: fetch-corpus8.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    fonttools==4.55.0 numba==0.60.0 jax==0.4.35 flax==0.10.2 timm==1.0.12 \
    torchmetrics==1.6.0 spacy==3.8.2 nbconvert==7.16.4 \
    jupyter_server==2.14.2 traitlets==5.14.3 reportlab==4.2.5 pypdf==5.1.0 \
    beautifulsoup4==4.12.3 markdown==3.7 websockets==14.1 cvxpy==1.6.0 \
    holoviews==1.20.0 param==2.1.1
