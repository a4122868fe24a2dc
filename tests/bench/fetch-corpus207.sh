#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (geospatial services: pycsw, pygeoapi, rio-cogeo, spopt), fetched
# (round 3, session 30, 4 Dec 2026) and run with the release build of
# c91a2b8, to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus207.sh DEST
set -eu
dest=${1:?usage: fetch-corpus207.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    pycsw==2.6.2 pygeoapi==0.21.0 rio-cogeo==7.0.4 spopt==0.7.0
