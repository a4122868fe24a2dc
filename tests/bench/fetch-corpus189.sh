#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (microcontroller and firmware tools: mpremote, adafruit-ampy, bincopy,
# IntelHex), fetched (round 3, session 29, 4 Dec 2026) and run with the
# release build of 2f1559c, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus189.sh DEST
set -eu
dest=${1:?usage: fetch-corpus189.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    adafruit-ampy==1.1.0 bincopy==20.1.1 intelhex==2.3.0 \
    mpremote==1.29.0
