#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (mass spectrometry: massql, matchms, ms2deepscore, pymzml, pyprophet,
# spectrum-utils), fetched (round 3, session 30, 4 Dec 2026) and run
# with the release build of 66c468b, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus213.sh DEST
set -eu
dest=${1:?usage: fetch-corpus213.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    massql==2026.3.14 matchms==0.33.1 ms2deepscore==2.11.0 \
    pymzml==2.6.1 pyprophet==3.0.15 spectrum-utils==0.5.0
