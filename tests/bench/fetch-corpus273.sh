#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (single-cell and genomic interval analysis: bioframe, celltypist,
# liana, muon, omnipath, scirpy, spatialdata), fetched (round 3, session
# 32, 4 Dec 2026) and run with the release build of b4d4453, to measure
# them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus273.sh DEST
set -eu
dest=${1:?usage: fetch-corpus273.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bioframe==0.8.0 celltypist==1.7.1 liana==1.10.0 muon==0.1.9 \
    omnipath==1.0.12 scirpy==0.22.5 spatialdata==0.7.3
