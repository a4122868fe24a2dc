#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (tools: SQLObject, mpire, sockjs, spotDL, you-get; Twisted was
# dropped, being the benchmark corpus's),
# fetched (round 3, session 27, 4 Dec 2026) and run with the release
# build of main at 4b7198b (MEM106's whole-project evidence), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus140.sh DEST
set -eu
dest=${1:?usage: fetch-corpus140.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    mpire==2.10.2 sockjs==0.13.0 spotdl==4.6.0 \
    sqlobject==3.14.0 you-get==0.4.1743
