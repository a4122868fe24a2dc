#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (electrophysiology: Neo, Elephant, quantities, MNE-BIDS), fetched
# (round 3, session 29, 4 Dec 2026) and run with the release build of
# 4bbb87d, to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus167.sh DEST
set -eu
dest=${1:?usage: fetch-corpus167.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    elephant==1.2.1 mne-bids==0.20.0 neo==0.14.6 quantities==0.16.4
