#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (speech processing toolkits: ESPnet, Asteroid), fetched (round 3,
# session 29, 4 Dec 2026) and run with the release build of 2f1559c, to
# measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus193.sh DEST
set -eu
dest=${1:?usage: fetch-corpus193.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    asteroid==0.7.0 espnet==202511
