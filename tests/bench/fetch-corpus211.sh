#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (optimisation and evolutionary search: Platypus-Opt, inspyred,
# linopy), fetched (round 3, session 30, 4 Dec 2026) and run with the
# release build of 66c468b, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus211.sh DEST
set -eu
dest=${1:?usage: fetch-corpus211.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    inspyred==1.0.3 linopy==0.10.1 Platypus-Opt==1.4.1
