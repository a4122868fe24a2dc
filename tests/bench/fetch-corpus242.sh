#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (search clients, an experiment tracker, a stream processor and a data
# API kit: biothings, faust, meilisearch, neptune, typesense), fetched
# (round 3, session 31, 4 Dec 2026) and run with the release build of
# 79d46ff, to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus242.sh DEST
set -eu
dest=${1:?usage: fetch-corpus242.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    biothings==1.2.2 faust==1.10.4 meilisearch==0.43.0 \
    neptune==1.14.0.post2 typesense==2.1.1
