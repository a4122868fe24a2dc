#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (an issue-tracker client, a medical records system, a genealogy
# program, a scraping plugin and a forum: cortex4py, gnuhealth, gramps,
# scrapy-splash, spirit, thehive4py), fetched (round 3, session 33, 5
# Dec 2026) and run with the release build of 34ffbd2, to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus286.sh DEST
set -eu
dest=${1:?usage: fetch-corpus286.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    cortex4py==2.1.0 gnuhealth==5.0.6 gramps==6.0.8 \
    scrapy-splash==0.11.1 spirit==2.2.0 thehive4py==2.1.0
