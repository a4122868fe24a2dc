#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (astronomy: CCD reduction, reprojection, sky regions, Virtual
# Observatory queries, ephemerides and satellite orbits: ccdproc,
# jplephem, pyvo, regions, reproject, sgp4), fetched (round 3, session
# 23, 3 Dec 2026) and run with the release build of main after the
# session's last MEM401 change (c079015), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus103.sh DEST
set -eu
dest=${1:?usage: fetch-corpus103.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    ccdproc==2.5.1 jplephem==2.24 pyvo==1.10.0 regions==0.12 \
    reproject==0.21.0 sgp4==2.27
