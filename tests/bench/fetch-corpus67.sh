#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (calendars and money: exchange and business calendars, holidays, CalDAV
# and the khal/todoman clients, currency rates; music theory, GEDCOM
# genealogy, an RTL-SDR driver, infrastructure tests),
# fetched (round 3, session 18, 3 Dec 2026) and run with the release build
# of main at the session's start (d74da51), before any change made for it.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus67.sh DEST
set -eu
dest=${1:?usage: fetch-corpus67.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    caldav==3.6.0 currencyconverter==0.18.23 \
    exchange-calendars==4.13.2 forex-python==1.9.2 holidays==0.109 \
    khal==0.14.1 mingus==0.6.1 pyrtlsdr==0.5.1 \
    pytest-testinfra==10.2.2 python-gedcom==1.1.0 todoman==4.7.0 \
    workalendar==17.0.0
