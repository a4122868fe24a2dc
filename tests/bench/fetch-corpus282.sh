#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Linux distribution build and support tools: insights-core, kobo,
# koji, productmd, sos), fetched (round 3, session 32, 4 Dec 2026) and
# run with the release build of f88e359, to measure them. Once judged it
# is burned like the others.
#
# Usage: tests/bench/fetch-corpus282.sh DEST
set -eu
dest=${1:?usage: fetch-corpus282.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    insights-core==3.8.4 kobo==0.42.0 koji==1.36.1 productmd==1.51 \
    sos==0.25.2
