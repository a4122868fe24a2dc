#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (a data publishing tool, a Docker client and a database client: Datasette, aiodocker, Prisma Client Python), fetched (round 3, session 28,
# 4 Dec 2026) and run with the release build of session 28's third
# rule change (ae0cd4b), to measure them. Once judged it is burned like
# the others.
#
# Usage: tests/bench/fetch-corpus158.sh DEST
set -eu
dest=${1:?usage: fetch-corpus158.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aiodocker==0.27.0 datasette==0.65.5 prisma==0.15.0
