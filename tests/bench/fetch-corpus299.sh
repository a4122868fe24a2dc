#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects (a
# document management system's core and a storage service's attachment
# plugin: kinto-attachment, papermerge-core), fetched (round 3, session
# 33, 5 Dec 2026) and run with the release build of f0ac8ea, to measure
# them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus299.sh DEST
set -eu
dest=${1:?usage: fetch-corpus299.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    kinto-attachment==8.0.0 papermerge-core==2.0.0rc46
