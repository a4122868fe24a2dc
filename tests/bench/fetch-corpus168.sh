#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (geophysics and gravitational waves: GWpy, Pyrocko, SeisBench,
# PyLops), fetched (round 3, session 29, 4 Dec 2026) and run with the
# release build of 4bbb87d, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus168.sh DEST
set -eu
dest=${1:?usage: fetch-corpus168.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    gwpy==4.1.0 pylops==2.8.0 pyrocko==2026.6.2 seisbench==0.12.6
