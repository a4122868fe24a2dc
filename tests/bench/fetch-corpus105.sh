#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (benchmark runners and OpenStack libraries: pyperf, asv, taskflow,
# tooz, oslo.messaging, keystoneauth1),
# fetched (round 3, session 24, 3 Dec 2026) and run with the release
# build of main at the start of the session (497c500), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus105.sh DEST
set -eu
dest=${1:?usage: fetch-corpus105.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    pyperf==2.11.0 asv==0.6.6 taskflow==6.5.0 tooz==9.1.0 \
    oslo.messaging==18.3.1 keystoneauth1==5.18.1
