#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (geometric algebra and paleoclimate: galgebra, clifford,
# sphinx-gallery, Pyleoclim), fetched (round 3, session 29, 4 Dec 2026)
# and run with the release build of 4bbb87d, to measure them. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus170.sh DEST
set -eu
dest=${1:?usage: fetch-corpus170.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    clifford==1.5.1 galgebra==0.6.0 pyleoclim==1.2.1 \
    sphinx-gallery==0.22.1
