#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (single-cell analysis, visualisation and meshing: pertpy, decoupler,
# itkwidgets, keplergl, vega, gmsh), fetched (round 3, session 28,
# 4 Dec 2026) and run with the release build of session 28's test-code
# change (4658084), to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus163.sh DEST
set -eu
dest=${1:?usage: fetch-corpus163.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    decoupler==2.2.0 gmsh==4.11.1 itkwidgets==0.32.6 keplergl==0.4.0 \
    pertpy==1.0.3 vega==4.1.0
