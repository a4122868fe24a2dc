#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (geodesy and geocoding: GeographicLib, mgrs, haversine, timezonefinder,
# geocoder), fetched (round 3, session 29, 4 Dec 2026) and run with the
# release build of 9f45e9c, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus199.sh DEST
set -eu
dest=${1:?usage: fetch-corpus199.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    geocoder==1.38.1 geographiclib==2.1 haversine==2.9.0 mgrs==1.6.0 \
    timezonefinder==9.0.0
