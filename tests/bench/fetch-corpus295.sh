#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Django applications: thumbnails, asset compressors and pipelines,
# editors, mail queues, registration, avatars, friendships, a file
# browser, admin skins and widgets: django-admin-tools, django-avatar,
# django-ckeditor, django-compressor, django-filebrowser,
# django-friendship, django-grappelli, django-pipeline,
# django-post-office, django-registration-redux, django-select2,
# easy-thumbnails), fetched (round 3, session 33, 5 Dec 2026) and run
# with the release build of e28a2be, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus295.sh DEST
set -eu
dest=${1:?usage: fetch-corpus295.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    django-admin-tools==0.9.3 django-avatar==9.0.0 \
    django-ckeditor==6.7.4 django-compressor==4.7.0 \
    django-filebrowser==5.0.0 django-friendship==1.12.0 \
    django-grappelli==5.0.1 django-pipeline==4.1.0 \
    django-post-office==3.12.0 django-registration-redux==2.13 \
    django-select2==8.4.8 easy-thumbnails==2.10.1
