#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (simulation and games: SUMO traffic simulation and its
# reinforcement-learning environments, highway driving environments,
# queueing networks, game theory and the iterated prisoner's dilemma, the
# libtcod roguelike library, urban accessibility),
# fetched (round 3, session 18, 3 Dec 2026) and run with the release build
# of main after the session's first changes (79db5c1), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus71.sh DEST
set -eu
dest=${1:?usage: fetch-corpus71.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    axelrod==4.14.0 ciw==3.2.7 highway-env==1.12.1 nashpy==0.0.43 \
    pandana==0.8 sumo-rl==1.4.5 sumolib==1.28.0 tcod==21.2.2 \
    traci==1.28.0
