#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (probabilistic programming, nested sampling and satellite and weather
# data tools: cdsapi, nestle, pymc3, pyorbital, pyspectral, trollimage,
# windrose), fetched (round 3, session 31, 4 Dec 2026) and run with the
# release build of 79d46ff, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus247.sh DEST
set -eu
dest=${1:?usage: fetch-corpus247.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    cdsapi==0.7.7 nestle==0.2.1 pymc3==3.11.6 pyorbital==1.13.0 \
    pyspectral==0.10.2 trollimage==1.29.0 windrose==2.0.0
