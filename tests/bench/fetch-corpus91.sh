#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (notifications, messaging, time series and plumbing: apprise, pypubsub,
# tinyrpc, jupyter-server-proxy, pathos, partd, tslearn, pyts,
# pyasn1-modules, zc.lockfile, zope.component),
# fetched (round 3, session 22, 3 Dec 2026) and run with the release build
# of main at the session's start (4cc0e2f), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus91.sh DEST
set -eu
dest=${1:?usage: fetch-corpus91.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    apprise==2.3.0 jupyter-server-proxy==4.6.0 partd==1.4.2 pathos==0.3.5 \
    pyasn1-modules==0.4.2 pypubsub==4.0.7 pyts==0.14.1 tinyrpc==1.1.7 \
    tslearn==0.10.0 zc.lockfile==4.0 zope.component==7.1
