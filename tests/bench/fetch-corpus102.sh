#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (a WAMP router on Twisted, a debugger, language servers, a Dask
# gateway: crossbar, debugpy, jedi-language-server, pygls, lsprotocol,
# dask-gateway), fetched (round 3, session 23, 3 Dec 2026) and run with
# the release build of main after the session's MEM206 and MEM401
# changes (4e7fa25), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus102.sh DEST
set -eu
dest=${1:?usage: fetch-corpus102.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    crossbar==26.10.1 dask-gateway==2026.3.0 debugpy==1.8.22 \
    jedi-language-server==0.47.0 lsprotocol==2025.0.0 pygls==2.1.1
