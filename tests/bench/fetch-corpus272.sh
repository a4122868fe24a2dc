#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (SQL engines, lineage and dataframe backends: dask-sql, fugue, gel,
# sqllineage, vaex-core), fetched (round 3, session 32, 4 Dec 2026) and
# run with the release build of 6d6c6bd, to measure them. Once judged it
# is burned like the others.
#
# Usage: tests/bench/fetch-corpus272.sh DEST
set -eu
dest=${1:?usage: fetch-corpus272.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    dask-sql==2024.5.0 fugue==0.9.7 gel==3.1.0 sqllineage==1.5.9 \
    vaex-core==4.19.0
