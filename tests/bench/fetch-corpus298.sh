#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects (a
# data-labelling web application: label-studio), fetched (round 3,
# session 33, 5 Dec 2026) and run with the release build of f0ac8ea, to
# measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus298.sh DEST
set -eu
dest=${1:?usage: fetch-corpus298.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    label-studio==1.23.2
