#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (charts for the web: plotly-resampler, pyecharts, streamlit-aggrid),
# fetched (round 3, session 30, 4 Dec 2026) and run with the release
# build of 66c468b, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus218.sh DEST
set -eu
dest=${1:?usage: fetch-corpus218.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    plotly-resampler==0.11.1 pyecharts==2.1.0 \
    streamlit-aggrid==1.2.1.post2
