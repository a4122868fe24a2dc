#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Home Assistant's core and the Rasa action-server SDK), fetched (round 3,
# session 27, 4 Dec 2026) and run with the release build of the session's
# MEM106 change (08e572d), to measure them. Once judged it is burned like
# the others.
#
# Usage: tests/bench/fetch-corpus143.sh DEST
set -eu
dest=${1:?usage: fetch-corpus143.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    homeassistant==2024.3.3 rasa-sdk==3.21.1
