#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (market data clients, exchange APIs, backtesting, Bitcoin tools,
# chat-bot frameworks for Discord and Twitch),
# fetched (round 3, session 17, 2 Dec 2026) and run with the release build
# of main at dbb0902, to measure whether the held-back figure holds. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus53.sh DEST
set -eu
dest=${1:?usage: fetch-corpus53.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    alpha-vantage==3.0.0 backtesting==0.6.6 bitcoin-utils==0.8.8 \
    coinbase-advanced-py==1.8.4 cryptofeed==1.9.3 disnake==2.12.2 \
    finnhub-python==2.4.29 fredapi==0.5.2 nasdaq-data-link==1.0.4 \
    polygon-api-client==1.16.3 pybit==5.17.0 pycoingecko==3.2.0 \
    python-okx==0.4.4 tradingview-ta==3.3.0 twitchio==3.3.2 \
    yahooquery==2.4.1
