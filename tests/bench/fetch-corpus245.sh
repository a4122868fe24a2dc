#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (materials-science workflows and chemistry models: atomate, chemprop,
# custodian, fireworks, jarvis-tools, matminer), fetched (round 3,
# session 31, 4 Dec 2026) and run with the release build of 79d46ff, to
# measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus245.sh DEST
set -eu
dest=${1:?usage: fetch-corpus245.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    atomate==1.1.0 chemprop==2.3.1 custodian==2026.10.21 \
    fireworks==2.1.4 jarvis-tools==2026.6.12 matminer==0.10.1
