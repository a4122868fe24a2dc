#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (a conversational-AI framework: Rasa 1.10), fetched (round 3, session 28,
# 4 Dec 2026) and run with the release build of main at the session's
# start (d47afae), to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus152.sh DEST
set -eu
dest=${1:?usage: fetch-corpus152.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    rasa==1.10.2
