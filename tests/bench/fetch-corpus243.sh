#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (single-cell and graph-learning tools: liana, moscot, muon, ogb,
# omnipath, palantir, scrublet), fetched (round 3, session 31, 4 Dec
# 2026) and run with the release build of 79d46ff, to measure them. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus243.sh DEST
set -eu
dest=${1:?usage: fetch-corpus243.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    liana==1.10.0 moscot==0.5.2 muon==0.1.9 ogb==1.3.6 \
    omnipath==1.0.12 palantir==1.4.5 scrublet==0.2.3
