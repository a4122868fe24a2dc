#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (bots, Reddit data and model containers: Bot Framework core, PMAW,
# Cog), fetched (round 3, session 29, 4 Dec 2026) and run with the
# release build of 9f45e9c, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus195.sh DEST
set -eu
dest=${1:?usage: fetch-corpus195.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    botbuilder-core==4.17.1 cog==0.23.1 pmaw==3.0.0
