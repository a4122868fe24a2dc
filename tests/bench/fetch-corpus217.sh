#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (proxies: pproxy, proxy.py), fetched (round 3, session 30, 4 Dec 2026)
# and run with the release build of 66c468b, to measure them. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus217.sh DEST
set -eu
dest=${1:?usage: fetch-corpus217.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    pproxy==2.7.9 proxy.py==2.4.10
