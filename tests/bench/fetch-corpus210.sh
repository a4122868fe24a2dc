#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Bluetooth LE and reinforcement learning for trading: FinRL, pygatt),
# fetched (round 3, session 30, 4 Dec 2026) and run with the release
# build of c91a2b8, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus210.sh DEST
set -eu
dest=${1:?usage: fetch-corpus210.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    FinRL==0.3.7 pygatt==5.0.0
