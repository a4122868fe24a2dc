#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (build and release services: Bodhi, Cobbler, Koji, Scrapyd, ruia),
# fetched (round 3, session 27, 4 Dec 2026) and run with the release
# build of main at 4b7198b (MEM106's whole-project evidence), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus141.sh DEST
set -eu
dest=${1:?usage: fetch-corpus141.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bodhi-server==26.4.0 cobbler==3.3.10 koji==1.36.1 \
    ruia==0.8.5 scrapyd==1.6.0
