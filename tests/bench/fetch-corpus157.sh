#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (an ORM and a web framework's extensions: Orator, Sanic Extensions), fetched (round 3, session 28,
# 4 Dec 2026) and run with the release build of the session's first
# rule change (bab60df), to measure them. Once judged it is burned like
# the others.
#
# Usage: tests/bench/fetch-corpus157.sh DEST
set -eu
dest=${1:?usage: fetch-corpus157.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    orator==0.9.9 sanic-ext==25.12.0
