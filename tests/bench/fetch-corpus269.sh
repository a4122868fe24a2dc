#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (quantum computing and tensor networks: bqskit, perceval-quandela,
# qibo, quimb, tensornetwork, tequila-basic, thewalrus), fetched (round
# 3, session 32, 4 Dec 2026) and run with the release build of 8f28656,
# to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus269.sh DEST
set -eu
dest=${1:?usage: fetch-corpus269.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bqskit==1.2.1 perceval-quandela==1.3.1 qibo==0.3.6 quimb==1.16.0 \
    tensornetwork==0.4.6 tequila-basic==1.9.12 thewalrus==0.22.0
