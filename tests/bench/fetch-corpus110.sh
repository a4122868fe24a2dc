#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (deep learning training frameworks and offline reinforcement
# learning: catalyst, mosaicml (Composer), poutyne, pytorch-tabnet,
# d3rlpy, avalanche-lib),
# fetched (round 3, session 24, 3 Dec 2026) and run with the release
# build of the session's first change (d8c2d51), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus110.sh DEST
set -eu
dest=${1:?usage: fetch-corpus110.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    catalyst==22.4 mosaicml==0.32.1 poutyne==1.19.0 \
    pytorch-tabnet==4.1.0 d3rlpy==2.8.1 avalanche-lib==0.6.0
