#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (medical image segmentation: nnU-Net v2, batchgenerators,
# dynamic-network-architectures), fetched (round 3, session 29, 4 Dec
# 2026) and run with the release build of 4bbb87d, to measure them. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus171.sh DEST
set -eu
dest=${1:?usage: fetch-corpus171.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    batchgenerators==0.25.5 dynamic-network-architectures==0.4.4 \
    nnunetv2==2.8.1
