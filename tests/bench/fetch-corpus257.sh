#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (reinforcement-learning environments and evolutionary optimization:
# PySC2, cma, evojax, evotorch, gymnax, jmetalpy, mealpy, minihack,
# niapy, pgx, pygad), fetched (round 3, session 31, 4 Dec 2026) and run
# with the release build of 86b5836, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus257.sh DEST
set -eu
dest=${1:?usage: fetch-corpus257.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    cma==4.5.0 evojax==0.2.17 evotorch==0.6.1 gymnax==1.0.1 \
    jmetalpy==1.9.0 mealpy==3.0.3 minihack==0.1.1 niapy==2.7.1 \
    pgx==2.6.0 pygad==3.9.2 PySC2==4.0.0
