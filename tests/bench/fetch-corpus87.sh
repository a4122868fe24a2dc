#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (feature stores, model serving, packaging and small libraries:
# feast, kserve, cx-freeze, toga-core, mavsdk, delorean, maya, rake-nltk,
# yake),
# fetched (round 3, session 21, 3 Dec 2026) and run with the release build
# of main at the session's start (0caf1db), to measure them. Once judged it
# is burned like the others.
#
# Usage: tests/bench/fetch-corpus87.sh DEST
set -eu
dest=${1:?usage: fetch-corpus87.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    cx-freeze==8.7.3 delorean==2.0.0 feast==0.67.0 kserve==0.21.0 \
    mavsdk==4.1.0 maya==0.6.1 rake-nltk==1.0.6 toga-core==0.5.7 yake==0.7.3
