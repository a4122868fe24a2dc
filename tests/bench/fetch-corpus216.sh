#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (laboratory control and data: labscript, nexpy, pyvisa-sim), fetched
# (round 3, session 30, 4 Dec 2026) and run with the release build of
# 66c468b, to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus216.sh DEST
set -eu
dest=${1:?usage: fetch-corpus216.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    labscript==3.4.2 nexpy==2.1.0 pyvisa-sim==0.7.1
