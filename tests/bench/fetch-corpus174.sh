#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (EEG processing: MNE-Connectivity, autoreject, PyPREP, MNE-ICALabel),
# fetched (round 3, session 29, 4 Dec 2026) and run with the release
# build of 1c16fcc, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus174.sh DEST
set -eu
dest=${1:?usage: fetch-corpus174.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    autoreject==0.5.1 mne-connectivity==0.9.0 mne-icalabel==0.10.0 \
    pyprep==0.9.0
