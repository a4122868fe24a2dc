#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (telescope data pipelines and image viewers: aplpy, crds, drizzlepac,
# ginga, jwst), fetched (round 3, session 32, 4 Dec 2026) and run with
# the release build of d9df434, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus278.sh DEST
set -eu
dest=${1:?usage: fetch-corpus278.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aplpy==2.2.1 crds==14.0.3 drizzlepac==3.11.0 ginga==7.5.0 \
    jwst==3.0.0
