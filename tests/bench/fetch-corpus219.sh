#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (earth surface and flow simulation: landlab, pyfr, pysheds), fetched
# (round 3, session 30, 4 Dec 2026) and run with the release build of
# 66c468b, to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus219.sh DEST
set -eu
dest=${1:?usage: fetch-corpus219.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    landlab==2.11.0 pyfr==3.1 pysheds==0.5
