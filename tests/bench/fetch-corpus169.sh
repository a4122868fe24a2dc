#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (experiments and sleep analysis: PsychoPy, Expyriment, YASA, AntroPy,
# pyxdf), fetched (round 3, session 29, 4 Dec 2026) and run with the
# release build of 4bbb87d, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus169.sh DEST
set -eu
dest=${1:?usage: fetch-corpus169.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    antropy==0.2.3 expyriment==1.0.1 psychopy==2026.2.5 pyxdf==1.17.5 \
    yasa==0.8.1
