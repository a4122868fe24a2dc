#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (graph embeddings: node2vec, pykeen), fetched (round 3, session 30, 4
# Dec 2026) and run with the release build of 66c468b, to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus212.sh DEST
set -eu
dest=${1:?usage: fetch-corpus212.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    node2vec==0.5.0 pykeen==1.11.1
