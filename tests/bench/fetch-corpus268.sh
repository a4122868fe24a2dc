#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (GUI toolkits and game environments: Gooey, dm-env, freesimplegui,
# open-spiel, pgx, toga-core), fetched (round 3, session 32, 4 Dec 2026)
# and run with the release build of 8f28656, to measure them. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus268.sh DEST
set -eu
dest=${1:?usage: fetch-corpus268.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    dm-env==1.6 freesimplegui==5.3.0.post1 Gooey==1.0.8.1 \
    open-spiel==2.0.2 pgx==2.6.0 toga-core==0.5.7
