#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (parser generators and refactoring: Arpeggio, Bowler, SLY, TatSu),
# fetched (round 3, session 29, 4 Dec 2026) and run with the release
# build of b76947d, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus181.sh DEST
set -eu
dest=${1:?usage: fetch-corpus181.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    arpeggio==2.0.3 bowler==0.9.0 sly==0.5 tatsu==5.15.1
