#!/bin/sh
# A thirty-eighth corpus: the released wheels of projects no rule had been
# tuned on (Django applications: admin, forms, trees, history, caches,
# queues, authentication), fetched (round 3, session 15, 2 Dec 2026) and
# run with the release build of 47c67a0, once corpus37's changes were made,
# to measure whether the held-back figure holds. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus38.sh DEST
set -eu
dest=${1:?usage: fetch-corpus38.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    django-anymail==15.2 django-autocomplete-light==5.0.0 \
    django-axes==8.3.1 django-cacheops==7.2 django-celery-beat==2.9.0 \
    django-cms==5.1.3 django-constance==4.4.0 django-countries==9.1.0 \
    django-crispy-forms==2.7 django-debug-toolbar==8.0.0 \
    django-environ==0.14.0 django-formtools==2.7 django-guardian==3.5.2 \
    django-haystack==3.1.1 django-import-export==4.4.3 \
    django-model-utils==5.0.0 django-money==3.6.2 django-mptt==0.20.0 \
    django-ninja==1.7.1 django-oauth-toolkit==3.4.1 django-oscar==4.2.1 \
    django-otp==1.7.5 django-polymorphic==4.11.7 django-q2==1.11.1 \
    django-redis==7.0.0 django-reversion==6.4.0 django-rq==4.2.0 \
    django-silk==5.6.0 django-simple-history==3.13.0 \
    django-storages==1.14.6 django-tables2==3.0.1 django-taggit==6.1.0 \
    django-treebeard==7.0.3 social-auth-app-django==8.0.0 \
    whitenoise==6.12.0
