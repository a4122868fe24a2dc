#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (older web frameworks and their test and template helpers: Pecan, TurboGears 2, web.py, WebTest, pyramid_jinja2, Reg), fetched (round 3, session 28,
# 4 Dec 2026) and run with the release build of the session's first
# rule change (bab60df), to measure them. Once judged it is burned like
# the others.
#
# Usage: tests/bench/fetch-corpus156.sh DEST
set -eu
dest=${1:?usage: fetch-corpus156.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    pecan==1.8.0 pyramid-jinja2==2.10.1 reg==1.0.0 turbogears2==2.5.1 \
    web.py==0.76 webtest==3.0.7
