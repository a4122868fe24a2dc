#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (scrapers, an SVG converter, CloudFormation templates and a mail merger: snscrape, svtplay-dl, svglib, troposphere, awacs, mailmerge), fetched (round 3, session 28,
# 4 Dec 2026) and run with the release build of main at the session's
# start (d47afae), to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus153.sh DEST
set -eu
dest=${1:?usage: fetch-corpus153.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    awacs==2.6.1 mailmerge==2.3.0 snscrape==0.7.0.20230622 svglib==2.3.2 \
    svtplay-dl==1.9.5 troposphere==4.11.1
