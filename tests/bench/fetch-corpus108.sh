#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (desktop applications and Qt toolkits: the Thonny IDE, Orange data
# mining and its canvas, glue's linked views, superqt, toga: thonny,
# orange3, orange-canvas-core, glue-core, superqt, toga-core),
# fetched (round 3, session 24, 3 Dec 2026) and run with the release
# build of main at the start of the session (497c500), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus108.sh DEST
set -eu
dest=${1:?usage: fetch-corpus108.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    thonny==5.0.1 orange3==3.40.0 orange-canvas-core==0.2.9 \
    glue-core==1.28.0 superqt==0.9.0 toga-core==0.5.7
