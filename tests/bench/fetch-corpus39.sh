#!/bin/sh
# A thirty-ninth corpus: the released wheels of projects no rule had been
# tuned on (trading and finance, crypto-currency clients, video and
# text tools), fetched (round 3, session 15, 2 Dec 2026) and run with the
# release build of 47c67a0, once corpus37's changes were made (corpus38
# asked for none), to measure whether the held-back figure holds. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus39.sh DEST
set -eu
dest=${1:?usage: fetch-corpus39.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    alpaca-trade-api==3.2.0 arch==8.0.0 backtrader==1.9.78.123 \
    bip-utils==2.12.3 bitcoinlib==0.7.10 ccxt==4.5.90 empyrical==0.4.2 \
    eth-abi==6.0.0 eth-account==0.14.0 ffmpeg-python==0.2.0 finta==1.3 \
    freqtrade==2026.9 ib-insync==0.9.86 mnemonic==0.21 \
    mplfinance==0.12.10b0 py-evm==0.12.1b1 python-binance==1.0.37 \
    python-bitcoinlib==0.12.2 quantstats==0.0.86 sacremoses==0.2.0 \
    scenedetect==0.7.2 stockstats==0.6.10 vectorbt==1.2.0 vidgear==0.3.6 \
    vyper==0.4.3 yfinance==1.7.0 zipline-reloaded==3.2.1
