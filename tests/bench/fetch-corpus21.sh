#!/bin/sh
# A twenty-first corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 10, 1 Dec 2026) and run only after
# the changes made from corpus20's verdicts had landed (cd5c99d), to
# measure whether the held-back figure holds. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus21.sh DEST
set -eu
dest=${1:?usage: fetch-corpus21.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    adlfs==2026.8.0 bqplot==0.13.1 cftime==1.6.6.1 \
    cyclonedx-python-lib==11.12.0 django-allauth==65.22.1 djoser==2.3.5 \
    docformatter==1.7.8 gcsfs==2026.10.1 great-tables==1.1.0 griffe==2.4.1 \
    hvac==2.4.0 hypercorn==0.18.0 intake==2.0.9 ipyleaflet==0.20.0 \
    jupytext==1.19.6 mkdocstrings==1.0.8 mmengine==0.10.7 myst-parser==5.2.0 \
    narwhals==2.29.0 nbdime==4.0.4 nbsphinx==0.9.8 nilearn==0.14.1 \
    nipype==1.11.0 pip-audit==2.10.1 pydeck==0.9.3 pydocstyle==6.3.0 \
    python-engineio==4.15.1 python-keycloak==7.1.1 python-socketio==5.18.1 \
    requests-oauthlib==2.0.0 rope==1.15.2 safety==3.8.1 smart-open==9.0.2 \
    social-auth-core==7.0.0 sphinx-autodoc-typehints==3.6.1 streamz==0.6.6
