#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Django applications: a shop, blogs, comments, notifications, activity
# streams, private messages and form builders: django-activity-stream,
# django-blog-zinnia, django-comments-xtd, django-forms-builder,
# django-notifications-hq, django-postman, django-shop, djangocms-blog,
# pinax-blog), fetched (round 3, session 33, 5 Dec 2026) and run with
# the release build of e28a2be, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus294.sh DEST
set -eu
dest=${1:?usage: fetch-corpus294.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    django-activity-stream==2.0.0 django-blog-zinnia==0.20 \
    django-comments-xtd==2.10.13 django-forms-builder==0.14.0 \
    django-notifications-hq==1.8.2 django-postman==4.6 \
    django-shop==1.2.4 djangocms-blog==2.0.10 pinax-blog==8.0.1
