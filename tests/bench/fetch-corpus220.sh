#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (packaging Python apps for Android: buildozer, python-for-android),
# fetched (round 3, session 30, 4 Dec 2026) and run with the release
# build of 66c468b, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus220.sh DEST
set -eu
dest=${1:?usage: fetch-corpus220.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    buildozer==1.6.0 python-for-android==2026.5.9
