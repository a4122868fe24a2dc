#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (earth observation data: eodag, geoalchemy2, supermercado,
# xarray-sentinel), fetched (round 3, session 30, 4 Dec 2026) and run
# with the release build of 4318f86, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus227.sh DEST
set -eu
dest=${1:?usage: fetch-corpus227.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    eodag==4.10.1 geoalchemy2==0.20.0 supermercado==0.3.0 \
    xarray-sentinel==0.9.6
