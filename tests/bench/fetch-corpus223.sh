#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (translation and localisation: argostranslate, deep-translator,
# lingua-franca, polib, translate-toolkit), fetched (round 3, session
# 30, 4 Dec 2026) and run with the release build of 4318f86, to measure
# them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus223.sh DEST
set -eu
dest=${1:?usage: fetch-corpus223.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    argostranslate==1.11.0 deep-translator==1.11.4 \
    lingua-franca==0.4.3 polib==1.2.0 translate-toolkit==3.20.4
