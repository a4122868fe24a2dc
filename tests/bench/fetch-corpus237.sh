#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (report and web templates: airspeed, relatorio), fetched (round 3,
# session 30, 4 Dec 2026) and run with the release build of 12fb68e, to
# measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus237.sh DEST
set -eu
dest=${1:?usage: fetch-corpus237.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    airspeed==0.7.1 relatorio==1.0.0
