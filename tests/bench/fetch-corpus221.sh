#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (an event manager and an EEG browser: indico, mne-qt-browser), fetched
# (round 3, session 30, 4 Dec 2026) and run with the release build of
# 66c468b, to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus221.sh DEST
set -eu
dest=${1:?usage: fetch-corpus221.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    indico==3.2.9 mne-qt-browser==0.7.5
