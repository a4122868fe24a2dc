#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (RPC, protocol and binary-format libraries: grpclib, purerpc,
# betterproto, construct, hachoir, pyspnego, PGPy),
# fetched (round 3, session 25, 3 Dec 2026) and run with the release
# build of the session's first four changes (4c57d74), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus124.sh DEST
set -eu
dest=${1:?usage: fetch-corpus124.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    grpclib==0.4.9 purerpc==0.8.0 betterproto==2.0.0b7 construct==2.10.70 hachoir==3.4.0 pyspnego==0.12.4 PGPy==0.5.4
