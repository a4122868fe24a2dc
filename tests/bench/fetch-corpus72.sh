#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (quantitative finance and trading: factor and portfolio analysis,
# performance statistics, broker APIs for Interactive Brokers and Zerodha
# Kite, trading-bot and backtesting frameworks),
# fetched (round 3, session 19, 3 Dec 2026) and run with the release build
# of main at the session's start (4cbdb51), to measure it.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus72.sh DEST
set -eu
dest=${1:?usage: fetch-corpus72.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    alphalens-reloaded==0.5.1 empyrical-reloaded==0.7.1 ib-async==2.1.0 \
    kiteconnect==5.2.2 lumibot==4.6.30 pyfolio-reloaded==0.10.1 \
    qstrader==0.3.0
