#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (astronomy, plasma physics, power systems and portfolios: galpy,
# hapsira, einsteinpy, PlasmaPy, pandapower, PyPSA, oemof.solph,
# Grid2Op, cvxportfolio, skfolio),
# fetched (round 3, session 20, 3 Dec 2026) and run with the release build
# of main after the session's changes (09e7e21), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus83.sh DEST
set -eu
dest=${1:?usage: fetch-corpus83.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    cvxportfolio==1.5.1 einsteinpy==0.5.0 galpy==1.12.1 grid2op==1.12.6 \
    hapsira==0.18.0 oemof-solph==0.6.5 pandapower==3.5.6 plasmapy==2025.8.0 \
    pypsa==1.4.0 skfolio==1.12.2
