#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (REST and resource servers: Guillotina, Kinto, cornice_swagger,
# pyramid_mailer), fetched (round 3, session 28, 4 Dec 2026) and run with
# the release build of main's last commit of the session (aef2baf), to
# measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus164.sh DEST
set -eu
dest=${1:?usage: fetch-corpus164.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    cornice-swagger==1.0.1 guillotina==4.9.6 kinto==26.5.0 \
    pyramid-mailer==0.15.1
