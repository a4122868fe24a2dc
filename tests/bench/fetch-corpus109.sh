#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Django and Flask web applications: forums, mailing-list archives,
# help desks, a shop and a BI server: misago, hyperkitty, postorius,
# django-helpdesk, django-oscar, apache-superset),
# fetched (round 3, session 24, 3 Dec 2026) and run with the release
# build of main at the start of the session (497c500), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus109.sh DEST
set -eu
dest=${1:?usage: fetch-corpus109.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    misago==0.39.6 hyperkitty==1.3.12 postorius==1.3.13 \
    django-helpdesk==2.6.1 django-oscar==4.2.1 apache-superset==6.1.0
