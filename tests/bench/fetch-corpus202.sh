#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (point clouds and meshes in Qt: laspy, plyfile, pyntcloud, pyvistaqt),
# fetched (round 3, session 30, 4 Dec 2026) and run with the release
# build of c91a2b8, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus202.sh DEST
set -eu
dest=${1:?usage: fetch-corpus202.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    laspy==2.7.0 plyfile==1.1.5 pyntcloud==0.3.1 pyvistaqt==0.13.1
