#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects (a
# volumetric data analysis and visualization toolkit: yt), fetched
# (round 3, session 31, 4 Dec 2026) and run with the release build of
# eb31ef1, to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus261.sh DEST
set -eu
dest=${1:?usage: fetch-corpus261.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    yt==4.4.3
