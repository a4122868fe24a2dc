#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (progress bars, tray icons and platform APIs, and numerical solvers:
# progressbar2, enlighten, pystray, plyer, FiPy, Devito and the k3d
# Jupyter plots),
# fetched (round 3, session 20, 3 Dec 2026) and run with the release build
# of main after the session's first change (cfb3b5a), to measure it.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus79.sh DEST
set -eu
dest=${1:?usage: fetch-corpus79.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    devito==4.8.23 enlighten==1.14.1 fipy==4.0.3 k3d==3.2.0 plyer==2.1.0 \
    progressbar2==4.6.0 pystray==0.19.5
