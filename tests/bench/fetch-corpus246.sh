#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects (a
# static analyzer, build and web-argument helpers, a diagnostics client
# and a QEC sampler: doipclient, plone.api, pyanalyze, scikit-build,
# sinter, webargs), fetched (round 3, session 31, 4 Dec 2026) and run
# with the release build of 79d46ff, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus246.sh DEST
set -eu
dest=${1:?usage: fetch-corpus246.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    doipclient==1.2.2 plone.api==3.0.3 pyanalyze==0.13.1 \
    scikit-build==0.19.1 sinter==1.15.0 webargs==8.7.1
