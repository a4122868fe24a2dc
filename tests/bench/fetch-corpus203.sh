#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (music information retrieval: mirdata, partitura, pychord,
# pypianoroll), fetched (round 3, session 30, 4 Dec 2026) and run with
# the release build of c91a2b8, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus203.sh DEST
set -eu
dest=${1:?usage: fetch-corpus203.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    mirdata==1.0.0 partitura==1.9.0 pychord==1.4.1 pypianoroll==1.0.4
