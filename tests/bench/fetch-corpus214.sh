#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (admin panels and helpers for web apps: fastapi-utils, sqladmin,
# starlette-admin), fetched (round 3, session 30, 4 Dec 2026) and run
# with the release build of 66c468b, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus214.sh DEST
set -eu
dest=${1:?usage: fetch-corpus214.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    fastapi-utils==0.8.0 sqladmin==0.32.0 starlette-admin==1.0.3
