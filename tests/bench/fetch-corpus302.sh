#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (imaging, acoustics and mapping libraries: microscopy readers, cell
# segmentation, diffusion MRI, video I/O, star-convex nuclei detection,
# GMT maps and acoustic measurements: aicsimageio, cellpose, dipy,
# pyfar, pygmt, scikit-video, stardist), fetched (round 3, session 34, 5
# Dec 2026) and run with the release build of cddfbe2, to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus302.sh DEST
set -eu
dest=${1:?usage: fetch-corpus302.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aicsimageio==4.14.0 cellpose==4.2.1.1 dipy==1.12.1 pyfar==0.8.1 \
    pygmt==0.17.0 scikit-video==1.1.11 stardist==0.9.2
