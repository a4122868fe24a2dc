#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (hardware and tooling: dronekit, pylink-square, morepath, rocketry,
# python-semantic-release, sf-hamilton, sumy),
# fetched (round 3, session 21, 3 Dec 2026) and run with the release build
# of main at the session's start (0caf1db), to measure them. Once judged it
# is burned like the others.
#
# Usage: tests/bench/fetch-corpus86.sh DEST
set -eu
dest=${1:?usage: fetch-corpus86.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    dronekit==2.9.2 morepath==1.0.0 pylink-square==2.0.2 \
    python-semantic-release==10.7.0 rocketry==2.5.1 sf-hamilton==1.90.0 \
    sumy==0.13.0
