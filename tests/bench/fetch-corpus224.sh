#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (terminal output and recording: ansi2html, asciinema, blessings,
# termtosvg), fetched (round 3, session 30, 4 Dec 2026) and run with the
# release build of 4318f86, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus224.sh DEST
set -eu
dest=${1:?usage: fetch-corpus224.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    ansi2html==1.9.5 asciinema==2.4.0 blessings==1.7 termtosvg==1.1.0
