#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (astronomy and cosmology inference: camb, cobaya, exoplanet, getdist,
# juliet, radvel), fetched (round 3, session 32, 4 Dec 2026) and run
# with the release build of 8f28656, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus267.sh DEST
set -eu
dest=${1:?usage: fetch-corpus267.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    camb==2.0.5 cobaya==3.6.2 exoplanet==0.6.0 getdist==1.7.7 \
    juliet==2.2.10 radvel==1.6.7
