#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (terminal and mail tools: bugwarrior, castero, jrnl, OfflineIMAP,
# parsedmarc, toot, tuir), fetched (round 3, session 27, 4 Dec 2026) and
# run with the release build of the session's list changes (31d283f), to
# measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus145.sh DEST
set -eu
dest=${1:?usage: fetch-corpus145.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bugwarrior==2.1.0 castero==0.9.5 jrnl==4.6 offlineimap==8.0.3 \
    parsedmarc==11.1.0 toot==0.52.1 tuir==1.29.0
