#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (word frequencies and readability: textstat, wordfreq), fetched (round
# 3, session 30, 4 Dec 2026) and run with the release build of bd51b33,
# to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus233.sh DEST
set -eu
dest=${1:?usage: fetch-corpus233.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    textstat==0.7.13 wordfreq==3.1.1
