#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (quantitative finance: FinancePy, Jesse, numpy-financial,
# pandas_market_calendars, rateslib), fetched (round 3, session 29, 4 Dec
# 2026) and run with the release build of b76947d, to measure them. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus180.sh DEST
set -eu
dest=${1:?usage: fetch-corpus180.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    financepy==1.1.2 jesse==3.5.3 numpy-financial==1.0.0 \
    pandas-market-calendars==5.5.0 rateslib==2.7.1
