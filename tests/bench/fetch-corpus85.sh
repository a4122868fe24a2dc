#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (machine learning libraries: lightning-bolts, pytorch-metric-learning,
# torchgeo, asteroid, spacy-transformers, pymc-extras, bambi, tensorly),
# fetched (round 3, session 20, 3 Dec 2026) and run with the release build
# of main after all of the session's changes (207b55f), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus85.sh DEST
set -eu
dest=${1:?usage: fetch-corpus85.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    asteroid==0.7.0 bambi==0.17.2 lightning-bolts==0.7.0 pymc-extras==0.10.0 \
    pytorch-metric-learning==2.9.0 spacy-transformers==1.4.0 tensorly==0.10.0 \
    torchgeo==0.8.1
