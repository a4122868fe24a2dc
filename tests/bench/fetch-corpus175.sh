#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (neurophysiology data standards: PyNWB, HDMF, NWB Inspector, DANDI),
# fetched (round 3, session 29, 4 Dec 2026) and run with the release
# build of 1c16fcc, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus175.sh DEST
set -eu
dest=${1:?usage: fetch-corpus175.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    dandi==0.81.0 hdmf==6.2.0 nwbinspector==0.7.2 pynwb==4.2.0
