#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (reactive streams, simulation and developer tools: RxPY, desmod's
# discrete-event models, HoloViz Lumen, darker, pylama: Rx, desmod,
# lumen, darker, pylama),
# fetched (round 3, session 25, 3 Dec 2026) and run with the release
# build at the session's start (27ee36d), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus118.sh DEST
set -eu
dest=${1:?usage: fetch-corpus118.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    Rx==3.2.0 desmod==0.6.1 lumen==1.4.0 darker==3.0.0 pylama==8.4.1
