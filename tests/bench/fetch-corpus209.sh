#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (static sites, Markdown and API docs: Cactus, mdformat, portray),
# fetched (round 3, session 30, 4 Dec 2026) and run with the release
# build of c91a2b8, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus209.sh DEST
set -eu
dest=${1:?usage: fetch-corpus209.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    Cactus==3.3.3 mdformat==1.0.0 portray==1.8.0
