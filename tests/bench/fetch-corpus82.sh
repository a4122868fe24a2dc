#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (web application frameworks and data pipelines: Mezzanine, django-filer,
# graphene-django, Flask-Admin, Flask-AppBuilder, wagtail-modeladmin,
# bonobo, mara-pipelines, prefect-aws, dagster-aws),
# fetched (round 3, session 20, 3 Dec 2026) and run with the release build
# of main after the session's changes (09e7e21), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus82.sh DEST
set -eu
dest=${1:?usage: fetch-corpus82.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bonobo==0.6.4 dagster-aws==0.29.27 django-filer==3.6.0 flask-admin==2.2.1 \
    flask-appbuilder==5.3.0 graphene-django==3.2.3 mara-pipelines==3.5.0 \
    mezzanine==6.1.1 prefect-aws==0.7.12 wagtail-modeladmin==2.5.0
