#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (object databases and RPC: ZODB, ZEO, persistent, BTrees, transaction,
# RelStorage, loky, pyrad, stomp.py, Pyro4, jsonrpclib-pelix),
# fetched (round 3, session 22, 3 Dec 2026) and run with the release build
# of main at the session's start (4cc0e2f), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus90.sh DEST
set -eu
dest=${1:?usage: fetch-corpus90.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    BTrees==6.5 jsonrpclib-pelix==1.2.0 loky==3.7.0 persistent==6.9 \
    Pyro4==4.82 pyrad==2.6.0 RelStorage==4.3.0 stomp.py==9.0.0 \
    transaction==5.1 ZEO==6.2 ZODB==6.4
