#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (weather radar, GRIB and climate indices, solar position, wind power,
# metabolic models, protein structures, gene annotation queries),
# fetched (round 3, session 17, 2 Dec 2026) and run with the release build
# of main after all of the session's changes (3e0f76d), to measure whether
# the held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus59.sh DEST
set -eu
dest=${1:?usage: fetch-corpus59.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    arm-pyart==2.3.0 biotite==1.6.0 cfgrib==0.9.15.1 cobra==0.32.1 \
    mygene==3.2.2 pysolar==0.13 windpowerlib==0.2.2 xclim==0.62.0
