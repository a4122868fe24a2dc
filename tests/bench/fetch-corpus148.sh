#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of the
# Enthought Tool Suite (Traits, TraitsUI, Pyface, Envisage, Apptools,
# Enable, Chaco), fetched (round 3, session 27, 4 Dec 2026) and run with
# the release build of the session's list changes (31d283f), to measure
# them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus148.sh DEST
set -eu
dest=${1:?usage: fetch-corpus148.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    apptools==5.3.1 chaco==6.1.1 enable==6.1.0 envisage==8.0.1 \
    pyface==8.0.0 traits==7.3.0 traitsui==8.0.0
