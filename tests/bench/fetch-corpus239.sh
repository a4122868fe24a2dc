#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (push notifications: apns2, exponent-server-sdk, onesignal-sdk, pyfcm,
# pywebpush), fetched (round 3, session 30, 4 Dec 2026) and run with the
# release build of 8e7f000, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus239.sh DEST
set -eu
dest=${1:?usage: fetch-corpus239.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    apns2==0.7.2 exponent-server-sdk==2.2.0 onesignal-sdk==2.0.0 \
    pyfcm==2.1.1 pywebpush==2.5.0
