#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (data management: DataLad, annexremote, multivolumefile), fetched
# (round 3, session 29, 4 Dec 2026) and run with the release build of
# 4bbb87d, to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus173.sh DEST
set -eu
dest=${1:?usage: fetch-corpus173.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    annexremote==1.6.6 datalad==1.7.1 multivolumefile==0.2.3
