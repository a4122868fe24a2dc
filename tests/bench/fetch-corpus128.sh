#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (a terminal YouTube player, a TV client, an installer builder, a
# fitting package and ML frameworks: mps-youtube, pyvizio, pynsist, bumps,
# tinygrad, jax-md),
# fetched (round 3, session 25, 4 Dec 2026) and run with the release
# build of the session's changes up to 0280c87, to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus128.sh DEST
set -eu
dest=${1:?usage: fetch-corpus128.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    mps-youtube==0.2.8 pyvizio==0.1.64 pynsist==2.8 bumps==1.0.5 tinygrad==0.14.0 jax-md==0.2.29
