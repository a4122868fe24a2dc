#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Bayesian samplers and tensor graphs: nautilus-sampler, pocomc,
# pytensor, zeus-mcmc), fetched (round 3, session 30, 4 Dec 2026) and
# run with the release build of c91a2b8, to measure them. Once judged it
# is burned like the others.
#
# Usage: tests/bench/fetch-corpus205.sh DEST
set -eu
dest=${1:?usage: fetch-corpus205.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    nautilus-sampler==1.0.6 pocomc==1.2.6 pytensor==3.0.7 \
    zeus-mcmc==2.5.4
