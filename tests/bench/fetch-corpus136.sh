#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (the Weblate translation server, the pretix ticket shop, the ESPHome firmware builder),
# fetched (round 3, session 26, 4 Dec 2026) and run with the release
# build of the last change of session 25 (ed64fbe), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus136.sh DEST
set -eu
dest=${1:?usage: fetch-corpus136.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    esphome==2026.6.5 pretix==2026.8.0 weblate==5.14.3
