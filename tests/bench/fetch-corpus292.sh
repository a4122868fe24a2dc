#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (chat and social-network clients and a configuration manager:
# errbot-backend-slackv3, facebook-sdk, kapitan, prawcore,
# python-twitter), fetched (round 3, session 33, 5 Dec 2026) and run
# with the release build of e28a2be, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus292.sh DEST
set -eu
dest=${1:?usage: fetch-corpus292.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    errbot-backend-slackv3==0.3.2 facebook-sdk==3.1.0 kapitan==0.36.3 \
    prawcore==4.0.0 python-twitter==3.5
