#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (laboratory experiment control and X-ray beamline software: blacs,
# dioptas, happi, labscript, labscript-utils, lyse, opcua-client, pydm,
# pymca, runmanager, typhos, xraylarch, xrayutilities), fetched (round
# 3, session 32, 4 Dec 2026) and run with the release build of d9df434,
# to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus279.sh DEST
set -eu
dest=${1:?usage: fetch-corpus279.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    blacs==3.2.3 dioptas==0.11.0 happi==3.0.1 labscript-utils==3.4.3 \
    labscript==3.4.2 lyse==3.3.0 opcua-client==0.8.4 pydm==1.29.0 \
    pymca==5.9.7 runmanager==3.3.0 typhos==4.2.1 xraylarch==2026.3.1 \
    xrayutilities==1.8.0
