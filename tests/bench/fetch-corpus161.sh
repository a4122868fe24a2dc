#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (forecasting, control and workflow tools: Orbit, Greykite, python-control, Hera), fetched (round 3, session 28,
# 4 Dec 2026) and run with the release build of session 28's last rule
# change (ae0cd4b, the same findings as 9c022bc), to measure them. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus161.sh DEST
set -eu
dest=${1:?usage: fetch-corpus161.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    control==0.10.2 greykite==1.1.0 hera==7.1.0 orbit-ml==1.1.4
