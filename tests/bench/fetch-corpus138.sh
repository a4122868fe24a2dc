#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (web shops and content systems: django-oscar, FeinCMS, Kotti, Zope),
# fetched (round 3, session 26, 4 Dec 2026) and run with the release
# build of the session's MEM104 change (cc81305), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus138.sh DEST
set -eu
dest=${1:?usage: fetch-corpus138.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    Kotti==2.0.0 django-oscar==4.2.1 feincms==26.10.1 zope==6.3
