#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (microcontroller and home-automation tools and media servers:
# bleak-retry-connector, calibreweb, homeassistant-cli, pros-cli,
# pyatmo, pymcuprog, sickrage, zigpy-znp), fetched (round 3, session 32,
# 4 Dec 2026) and run with the release build of b4d4453, to measure
# them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus275.sh DEST
set -eu
dest=${1:?usage: fetch-corpus275.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bleak-retry-connector==4.7.1 calibreweb==0.6.27 \
    homeassistant-cli==0.9.4 pros-cli==3.5.6 pyatmo==9.9.1 \
    pymcuprog==3.19.4.61 sickrage==10.0.71 zigpy-znp==1.1.1
