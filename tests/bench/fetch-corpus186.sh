#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (data validation and SQL tooling: Frictionless, goodtables,
# sql-metadata, alembic_utils), fetched (round 3, session 29, 4 Dec 2026)
# and run with the release build of 7ff0c82, to measure them. Once judged
# it is burned like the others.
#
# Usage: tests/bench/fetch-corpus186.sh DEST
set -eu
dest=${1:?usage: fetch-corpus186.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    alembic-utils==0.8.8 frictionless==5.21.0 goodtables==2.5.4 \
    sql-metadata==3.0.1
