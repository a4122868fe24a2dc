#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (causal inference: EconML, DoWhy, CausalML, pgmpy), fetched (round 3, session 28,
# 4 Dec 2026) and run with the release build of session 28's last rule
# change (ae0cd4b, the same findings as 9c022bc), to measure them. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus160.sh DEST
set -eu
dest=${1:?usage: fetch-corpus160.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    causalml==0.18.0 dowhy==0.14 econml==0.17.0 pgmpy==1.1.2
