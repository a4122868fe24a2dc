#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects (a
# database administration web app, a mailing-list web front end's Django
# parts and cloud storage clients: b2, django-mailman3, mega.py, pcloud,
# pgadmin4), fetched (round 3, session 33, 5 Dec 2026) and run with the
# release build of 4ad6920, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus297.sh DEST
set -eu
dest=${1:?usage: fetch-corpus297.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    b2==5.0.2 django-mailman3==1.3.15 mega.py==1.0.8 pcloud==2.0.1 \
    pgadmin4==9.18
