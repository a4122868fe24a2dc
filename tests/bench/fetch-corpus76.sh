#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (web scraping and browser automation: crawlers, article and date
# extraction, boilerplate removal, URL cleaning, Selenium and Playwright
# drivers and frameworks),
# fetched (round 3, session 19, 3 Dec 2026) and run with the release build
# of main after the session's changes (2d35aba), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus76.sh DEST
set -eu
dest=${1:?usage: fetch-corpus76.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    autoscraper==1.1.14 boilerpy3==1.0.7 courlan==1.4.0 crawlee==1.11.0 \
    grab==1.2.0 htmldate==1.11.0 newspaper4k==0.9.6 scrapling==0.5 \
    scrapy-playwright==0.0.48 seleniumbase==4.56.4 splinter==0.21.0 \
    undetected-chromedriver==3.1.6
