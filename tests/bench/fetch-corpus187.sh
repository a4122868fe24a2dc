#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (observability and serving: Arize Phoenix, Jina), fetched (round 3,
# session 29, 4 Dec 2026) and run with the release build of 7ff0c82, to
# measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus187.sh DEST
set -eu
dest=${1:?usage: fetch-corpus187.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    arize-phoenix==20.26.1 jina==3.34.0
