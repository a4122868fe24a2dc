#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (brain-computer interfaces: pyRiemann, MOABB, Braindecode, specparam),
# fetched (round 3, session 29, 4 Dec 2026) and run with the release
# build of 1c16fcc, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus178.sh DEST
set -eu
dest=${1:?usage: fetch-corpus178.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    braindecode==1.8.1 moabb==1.7.2 pyriemann==0.12 \
    specparam==2.0.0rc7
