#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (3D rendering and model formats: PyWavefront, fury, pygfx, pygltflib,
# pyrr, wgpu), fetched (round 3, session 30, 4 Dec 2026) and run with
# the release build of c91a2b8, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus201.sh DEST
set -eu
dest=${1:?usage: fetch-corpus201.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    fury==2.0.0 pygfx==0.17.0 pygltflib==1.16.5 pyrr==0.10.3 \
    PyWavefront==1.3.3 wgpu==0.32.0
