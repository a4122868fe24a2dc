#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (sciences: quantum circuits, chemistry kinetics, the periodic table,
# PubChem, astronomical observation planning),
# fetched (round 3, session 18, 3 Dec 2026) and run with the release build
# of main at the session's start (d74da51), before any change made for it.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus66.sh DEST
set -eu
dest=${1:?usage: fetch-corpus66.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    astroplan==0.6 chempy==0.10.2 cirq-core==1.7.0 mendeleev==1.3.0 \
    periodictable==2.1.0 pubchempy==1.0.5
