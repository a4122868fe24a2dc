#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (release and repository tooling: yamllint, tbump, gitlint, cruft,
# bumpversion), fetched (round 3, session 29, 4 Dec 2026) and run with
# the release build of 2f1559c, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus188.sh DEST
set -eu
dest=${1:?usage: fetch-corpus188.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bumpversion==0.6.0 cruft==2.16.0 gitlint==0.19.1 tbump==6.11.0 \
    yamllint==1.38.0
