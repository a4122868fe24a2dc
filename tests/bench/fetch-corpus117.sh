#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (network automation, a pipeline runner and a game engine: a NAPALM
# driver for RouterOS, network utilities, Batfish's client, ploomber,
# ppb: napalm-ros, netutils, pybatfish, ploomber, ppb),
# fetched (round 3, session 24, 3 Dec 2026) and run with the release
# build of the session's last change (59af242), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus117.sh DEST
set -eu
dest=${1:?usage: fetch-corpus117.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    napalm-ros==1.6.1 netutils==1.19.2 pybatfish==2026.9.17.3748 \
    ploomber==0.23.3 ppb==3.2.0
