#!/bin/sh
# An eighteenth corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 9, 1 Dec 2026) after the changes made
# from corpus17's verdicts (run at b1832a4), to measure whether the
# held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus18.sh DEST
set -eu
dest=${1:?usage: fetch-corpus18.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    djangorestframework==3.18.3 django-filter==26.2 django-extensions==4.1 \
    wagtail==8.0.1 channels==4.3.2 daphne==4.2.3 flower==2.2.0 \
    jsonpickle==4.1.4 typeguard==4.6.1 beartype==0.23.1 flake8==7.5.0 \
    autopep8==2.3.2 radon==6.0.1 vulture==2.16 twine==7.0.0 build==1.6.1 \
    setuptools-scm==10.3.4 hatch==1.18.2 aiosqlite==0.22.1 piccolo==1.38.0 \
    pony==0.7.20 nevergrad==1.0.12 emcee==3.1.6 astroquery==0.4.11 \
    sunpy==7.0.5 plotnine==0.15.9
