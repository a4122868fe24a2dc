#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (notebooks and pipeline views: MyST-NB, nbstripout, Kedro-Viz,
# dvc-render), fetched (round 3, session 29, 4 Dec 2026) and run with the
# release build of 9f45e9c, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus197.sh DEST
set -eu
dest=${1:?usage: fetch-corpus197.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    dvc-render==1.0.2 kedro-viz==12.5.0 myst-nb==1.4.0 \
    nbstripout==0.9.1
