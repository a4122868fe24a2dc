#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (LLM fine-tuning, recommendation models, reinforcement learning
# and object detection: torchtune, unsloth, torchrec, rl-games, minari,
# yolov5),
# fetched (round 3, session 24, 3 Dec 2026) and run with the release
# build of the session's first change (d8c2d51), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus112.sh DEST
set -eu
dest=${1:?usage: fetch-corpus112.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    torchtune==0.6.1 unsloth==2026.10.9 torchrec==1.9.2 \
    rl-games==1.6.5 minari==0.5.4 yolov5==7.0.14
