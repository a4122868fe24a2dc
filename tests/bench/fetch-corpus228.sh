#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (units of measure: forallpeople, unyt), fetched (round 3, session 30,
# 4 Dec 2026) and run with the release build of 4318f86, to measure
# them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus228.sh DEST
set -eu
dest=${1:?usage: fetch-corpus228.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    forallpeople==3.0.0 unyt==3.2.0
