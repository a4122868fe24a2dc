#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (navigation and image metadata: aircraft trajectories and Mode S
# decoding, ship AIS and NMEA sentence parsing, map drawing, camera RAW
# decoding and Exif metadata: cartes, pyais, pyexiv2, pymodes, pynmea2,
# rawpy, traffic), fetched (round 3, session 34, 5 Dec 2026) and run
# with the release build of 9d511b1, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus306.sh DEST
set -eu
dest=${1:?usage: fetch-corpus306.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    cartes==0.8.6 pyais==3.3.1 pyexiv2==2.16.0 pymodes==3.6.1 \
    pynmea2==1.19.0 rawpy==0.28.0 traffic==2.13
