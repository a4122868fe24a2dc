#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (media servers and downloaders: Calibre-Web, internetarchive, SickChill,
# wdb, youtube-dl), fetched (round 3, session 27, 4 Dec 2026) and run with
# the release build of the session's MEM106 change (08e572d), to measure
# them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus142.sh DEST
set -eu
dest=${1:?usage: fetch-corpus142.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    calibreweb==0.6.27 internetarchive==5.12.1 sickchill==2024.3.1 \
    wdb==3.1.0 youtube-dl==2021.12.17
