#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (SQL parsers and audio/3D libraries: pglast, mo-sql-parsing, pyo,
# panda3d-simplepbr), fetched (round 3, session 27, 4 Dec 2026) and run
# with the release build of the session's list changes (31d283f), to
# measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus147.sh DEST
set -eu
dest=${1:?usage: fetch-corpus147.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    mo-sql-parsing==11.699.26234 panda3d-simplepbr==0.13.1 pglast==8.8 \
    pyo==1.1.0
