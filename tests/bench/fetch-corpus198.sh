#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (model packaging and serving: MLEM, Truss), fetched (round 3, session
# 29, 4 Dec 2026) and run with the release build of 9f45e9c, to measure
# them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus198.sh DEST
set -eu
dest=${1:?usage: fetch-corpus198.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    mlem==0.4.14 truss==0.18.36
