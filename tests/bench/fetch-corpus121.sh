#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (static sites, a Markdown previewer and CSV/dataframe tools:
# staticjinja, urubu, grip, csvkit, datacompy),
# fetched (round 3, session 25, 3 Dec 2026) and run with the release
# build at the session's start (27ee36d), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus121.sh DEST
set -eu
dest=${1:?usage: fetch-corpus121.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    staticjinja==5.0.0 urubu==1.4.1 grip==4.6.2 csvkit==2.2.0 datacompy==1.1.0
