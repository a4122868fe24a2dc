#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (desktop applications: Anki and its Qt front end, CellProfiler,
# Nicotine+, Solaar), fetched (round 3, session 27, 4 Dec 2026) and run
# with the release build of the session's list changes (31d283f), to
# measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus144.sh DEST
set -eu
dest=${1:?usage: fetch-corpus144.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    anki==24.11 aqt==26.9.3 cellprofiler==4.2.8.1 \
    nicotine-plus==3.3.11 solaar==1.1.20
