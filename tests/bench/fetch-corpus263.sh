#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (neuroimaging and streaming biosignals, porous-media simulation and a
# geospatial map widget: intensity-normalization, lonboard, mne-nirs,
# mne-realtime, openpnm, porespy, pylsl), fetched (round 3, session 31,
# 4 Dec 2026) and run with the release build of a70e08d, to measure
# them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus263.sh DEST
set -eu
dest=${1:?usage: fetch-corpus263.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    intensity-normalization==3.0.1 lonboard==0.17.0 mne-nirs==0.7.3 \
    mne-realtime==0.3.0 openpnm==3.6.4 porespy==3.2.0 pylsl==1.18.6
