#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (acoustics and phonetics: pyroomacoustics, TextGrid, pympi-ling,
# Parselmouth), fetched (round 3, session 29, 4 Dec 2026) and run with
# the release build of 2f1559c, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus194.sh DEST
set -eu
dest=${1:?usage: fetch-corpus194.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    praat-parselmouth==0.4.7 pympi-ling==1.71 pyroomacoustics==0.10.1 \
    textgrid==1.5
