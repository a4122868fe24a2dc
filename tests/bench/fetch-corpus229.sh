#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (build backends and a music database client: discogs-client,
# meson-python, scikit-build-core, versioneer), fetched (round 3,
# session 30, 4 Dec 2026) and run with the release build of 4318f86, to
# measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus229.sh DEST
set -eu
dest=${1:?usage: fetch-corpus229.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    discogs-client==2.3.0 meson-python==0.22.1 \
    scikit-build-core==1.1.2 versioneer==0.29
