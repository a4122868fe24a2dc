#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (dialog boxes and SSH automation: paramiko-expect, pymsgbox), fetched
# (round 3, session 30, 4 Dec 2026) and run with the release build of
# 4318f86, to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus226.sh DEST
set -eu
dest=${1:?usage: fetch-corpus226.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    paramiko-expect==0.3.5 pymsgbox==2.0.1
