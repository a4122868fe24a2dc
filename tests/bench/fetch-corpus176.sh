#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (spike sorting and neural signals: SpikeInterface, probeinterface,
# phylib, NeuroDSP), fetched (round 3, session 29, 4 Dec 2026) and run
# with the release build of 1c16fcc, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus176.sh DEST
set -eu
dest=${1:?usage: fetch-corpus176.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    neurodsp==2.3.0 phylib==2.7.1 probeinterface==0.4.2 \
    spikeinterface==0.105.3
