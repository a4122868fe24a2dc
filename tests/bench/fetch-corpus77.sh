#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (process managers, servers and actors: supervisor, circus, honcho, the
# cheroot HTTP server, the saq job queue, pykka actors, the mode service
# framework, aiozmq and txaio),
# fetched (round 3, session 19, 3 Dec 2026) and run with the release build
# of main after the session's changes (8ff1f1a), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus77.sh DEST
set -eu
dest=${1:?usage: fetch-corpus77.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aiozmq==1.0.0 cheroot==11.1.2 circus==0.19.0 honcho==2.0.0 \
    mode-streaming==0.7.1 pykka==4.5.0 saq==0.26.4 supervisor==4.3.0 \
    txaio==26.6.1
