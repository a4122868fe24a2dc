#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (reinforcement learning: evosax, jumanji, miniworld, mushroom-rl,
# pfrl, rlax, sb3-contrib, textworld, tianshou),
# fetched (round 3, session 20, 3 Dec 2026) and run with the release build
# of main after the session's changes (363bc8c), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus81.sh DEST
set -eu
dest=${1:?usage: fetch-corpus81.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    evosax==0.3.2 jumanji==1.1.2 miniworld==2.1.0 mushroom-rl==1.4.0 \
    pfrl==0.1.0 rlax==0.1.9 sb3-contrib==2.9.2 textworld==1.7.0 \
    tianshou==2.0.1
