#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (an offline learning platform: kolibri), fetched (round 3, session 31,
# 4 Dec 2026) and run with the release build of 79d46ff, to measure
# them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus254.sh DEST
set -eu
dest=${1:?usage: fetch-corpus254.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    kolibri==0.19.5
