#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (cosmology and galactic dynamics codes: astroML, camb, gala,
# halotools, nbodykit, pyccl), fetched (round 3, session 31, 4 Dec 2026)
# and run with the release build of eb31ef1, to measure them. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus262.sh DEST
set -eu
dest=${1:?usage: fetch-corpus262.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    astroML==1.0.2.post1 camb==2.0.5 gala==1.11.0 halotools==0.8.2 \
    nbodykit==0.3.16 pyccl==3.3.6
