#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (ML pipelines and API pagination: fastapi-pagination, kfp, polyaxon),
# fetched (round 3, session 30, 4 Dec 2026) and run with the release
# build of bd51b33, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus235.sh DEST
set -eu
dest=${1:?usage: fetch-corpus235.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    fastapi-pagination==0.16.1 kfp==2.17.3 polyaxon==2.18.0
