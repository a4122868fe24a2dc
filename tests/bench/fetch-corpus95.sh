#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (web framework extensions: Flask-Limiter, Flask-Executor,
# Flask-Session, django-cachalot, django-health-check,
# django-prometheus, django-celery-results, channels-redis,
# pyramid_debugtoolbar), fetched (round 3, session 22, 3 Dec 2026) and
# run with the release build of main after the session's MEM206 change
# (05c3130), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus95.sh DEST
set -eu
dest=${1:?usage: fetch-corpus95.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    channels-redis==4.3.0 django-cachalot==2.9.1 \
    django-celery-results==2.6.0 django-health-check==4.8.0 \
    django-prometheus==2.5.0 Flask-Executor==1.0.0 Flask-Limiter==4.1.1 \
    flask-session==0.8.0 pyramid-debugtoolbar==4.12.1
