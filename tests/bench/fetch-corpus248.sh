#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (an X11 client, mobile test automation, HTTP retry helpers,
# time-series forecasting, counterfactual explanations, text datasets,
# pandas on Spark and small tools: aiohttp-retry, appium-python-client,
# bumpver, dice-ml, koalas, neuralforecast, python-redmine, python-xlib,
# requests-html, retrying, tbats, torchtext), fetched (round 3, session
# 31, 4 Dec 2026) and run with the release build of 79d46ff, to measure
# them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus248.sh DEST
set -eu
dest=${1:?usage: fetch-corpus248.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aiohttp-retry==2.9.1 appium-python-client==6.0.9 \
    bumpver==2026.1132 dice-ml==0.12 koalas==0.32.0 \
    neuralforecast==3.3.0 python-redmine==2.5.0 python-xlib==0.33 \
    requests-html==0.10.0 retrying==1.4.2 tbats==1.2.0 \
    torchtext==0.18.0
