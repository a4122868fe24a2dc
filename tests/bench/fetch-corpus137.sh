#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (plain-text accounting and finance: Beancount, Fava, piecash, ofxtools, py-moneyed),
# fetched (round 3, session 26, 4 Dec 2026) and run with the release
# build of the session's MEM104 change (cc81305), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus137.sh DEST
set -eu
dest=${1:?usage: fetch-corpus137.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    beancount==3.2.3 fava==1.30.16 ofxtools==1.1.1 piecash==0.13.0 \
    py-moneyed==3.0
