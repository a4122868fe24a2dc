#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (spreadsheet formats and ETL: etlhelper, pyexcel-ods3, pyexcel-xlsx),
# fetched (round 3, session 30, 4 Dec 2026) and run with the release
# build of 66c468b, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus215.sh DEST
set -eu
dest=${1:?usage: fetch-corpus215.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    etlhelper==1.1.0 pyexcel-ods3==0.6.1 pyexcel-xlsx==0.6.1
