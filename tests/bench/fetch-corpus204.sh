#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (reinforcement learning: d4rl, dopamine-rl, highway-env, pufferlib,
# rl-zoo3), fetched (round 3, session 30, 4 Dec 2026) and run with the
# release build of c91a2b8, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus204.sh DEST
set -eu
dest=${1:?usage: fetch-corpus204.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    d4rl==1.1 dopamine-rl==4.1.2 highway-env==1.12.1 pufferlib==2.0.2 \
    rl-zoo3==2.9.2
