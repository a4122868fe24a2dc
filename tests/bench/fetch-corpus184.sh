#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (retrieval and search: txtai, DocArray, rank_bm25, BM25S), fetched
# (round 3, session 29, 4 Dec 2026) and run with the release build of
# 7ff0c82, to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus184.sh DEST
set -eu
dest=${1:?usage: fetch-corpus184.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bm25s==0.3.16 docarray==0.41.0 rank-bm25==0.2.2 txtai==9.14.0
