#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (brain maps and networks: BrainSpace, neuromaps, netneurotools, bctpy),
# fetched (round 3, session 29, 4 Dec 2026) and run with the release
# build of 1c16fcc, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus179.sh DEST
set -eu
dest=${1:?usage: fetch-corpus179.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bctpy==0.6.1 brainspace==0.3.0 netneurotools==0.3.0 \
    neuromaps==0.0.7
