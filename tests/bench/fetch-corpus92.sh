#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (events, actors, state machines and task runners: circuits, pyee,
# PyDispatcher, Louie, reactivex, Automat, transitions,
# python-statemachine, thriftpy2, aioprocessing, pebble, django-q,
# zope.event, zope.schema), fetched (round 3, session 22, 3 Dec 2026)
# and run with the release build of main after the session's changes
# (756d5ef), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus92.sh DEST
set -eu
dest=${1:?usage: fetch-corpus92.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aioprocessing==2.0.1 Automat==25.4.16 circuits==3.2.5 django-q==1.3.9 \
    Louie==2.0.1 pebble==5.2.3 PyDispatcher==2.0.7 pyee==13.0.1 \
    python-statemachine==3.2.2 reactivex==6.1.1 thriftpy2==0.7.1 \
    transitions==0.9.3 zope.event==6.2 zope.schema==8.1
