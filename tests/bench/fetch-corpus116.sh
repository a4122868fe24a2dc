#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (a MUD game server and engine, label and receipt printers, a Solr
# client, API contract and load testing: evennia, mudpy, brother-ql,
# python-escpos, pysolr, pact-python, tavern, locust-plugins),
# fetched (round 3, session 24, 3 Dec 2026) and run with the release
# build of the session's MEM206 change (7a84116), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus116.sh DEST
set -eu
dest=${1:?usage: fetch-corpus116.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    evennia==5.0.1 mudpy==0.5.1 brother-ql==0.9.4 python-escpos==3.1 \
    pysolr==3.8.1 pact-python==4.2.0 tavern==3.7.1 locust-plugins==5.0.3
