#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (biosignal processing: NeuroKit2, WFDB, HeartPy, BioSPPy), fetched
# (round 3, session 29, 4 Dec 2026) and run with the release build of
# 4bbb87d, to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus165.sh DEST
set -eu
dest=${1:?usage: fetch-corpus165.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    biosppy==2.2.4 heartpy==1.2.7 neurokit2==0.3.0 wfdb==4.3.1
