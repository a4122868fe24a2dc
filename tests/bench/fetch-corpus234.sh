#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Robot Framework libraries: robotframework-requests,
# robotframework-seleniumlibrary), fetched (round 3, session 30, 4 Dec
# 2026) and run with the release build of bd51b33, to measure them. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus234.sh DEST
set -eu
dest=${1:?usage: fetch-corpus234.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    robotframework-requests==0.9.7 \
    robotframework-seleniumlibrary==6.9.0
