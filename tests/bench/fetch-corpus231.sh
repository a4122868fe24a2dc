#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Pyramid web apps: pyramid-tm, websauna), fetched (round 3, session
# 30, 4 Dec 2026) and run with the release build of 4318f86, to measure
# them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus231.sh DEST
set -eu
dest=${1:?usage: fetch-corpus231.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    pyramid-tm==2.6 websauna==1.0a13
