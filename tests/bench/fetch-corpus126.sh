#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (science and ML platforms: Galaxy's app, Guild AI, Determined's
# client, MLRun),
# fetched (round 3, session 25, 3 Dec 2026) and run with the release
# build of the session's first four changes (4c57d74), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus126.sh DEST
set -eu
dest=${1:?usage: fetch-corpus126.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    galaxy-app==26.1.2 guildai==0.9.0 determined==0.38.1 mlrun==1.12.1
