#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (genomics: deepTools, cooler, HiCExplorer, pairtools), fetched (round 3, session 28,
# 4 Dec 2026) and run with the release build of session 28's test-code
# change (4658084), to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus162.sh DEST
set -eu
dest=${1:?usage: fetch-corpus162.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    HiCExplorer==2.2.1.1 cooler==0.11.0 deepTools==3.5.6 pairtools==1.1.2
