#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (scientific data services, a Modbus toolkit, ML job agents and remote
# execution clients: clearml-agent, databroker, h5grove, modbus-tk,
# replicate, runhouse, tiled, union), fetched (round 3, session 31, 4
# Dec 2026) and run with the release build of 86b5836, to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus259.sh DEST
set -eu
dest=${1:?usage: fetch-corpus259.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    clearml-agent==3.0.3 databroker==2.0.2 h5grove==4.0.0 \
    modbus-tk==1.1.5 replicate==1.0.7 runhouse==0.0.42 tiled==0.2.20 \
    union==0.1.204
