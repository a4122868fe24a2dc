#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (data labelling and cleaning: cleanlab, imagededup, label-studio-sdk,
# roboflow, snorkel), fetched (round 3, session 30, 4 Dec 2026) and run
# with the release build of 4318f86, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus225.sh DEST
set -eu
dest=${1:?usage: fetch-corpus225.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    cleanlab==2.9.0 imagededup==0.3.3.post2 label-studio-sdk==2.1.2 \
    roboflow==1.7.3 snorkel==0.10.0
