#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (federated learning, self-supervised vision, segmentation and
# detection, few-shot text classification and LLM fine-tuning: flwr,
# lightly, segmentation-models-pytorch, sahi, setfit, litgpt),
# fetched (round 3, session 24, 3 Dec 2026) and run with the release
# build of the session's first change (d8c2d51), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus111.sh DEST
set -eu
dest=${1:?usage: fetch-corpus111.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    flwr==1.42.0 lightly==1.6.0 segmentation-models-pytorch==0.6.0 \
    sahi==0.12.8 setfit==1.2.0 litgpt==0.5.13
