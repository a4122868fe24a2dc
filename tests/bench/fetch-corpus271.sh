#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (load testing, fuzzing and UI automation: appium-python-client,
# boofuzz, bzt, robotframework-browser, uiautomator2), fetched (round 3,
# session 32, 4 Dec 2026) and run with the release build of 6d6c6bd, to
# measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus271.sh DEST
set -eu
dest=${1:?usage: fetch-corpus271.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    appium-python-client==6.0.9 boofuzz==0.4.2 bzt==1.17.2 \
    robotframework-browser==20.6.0 uiautomator2==3.7.1
