#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (terminal applications and tracing: bpytop, nvitop, visidata, mycli,
# pgcli, litecli, iredis, vdirsyncer, hunter), fetched (round 3,
# session 22, 3 Dec 2026) and run with the release build of main after
# the session's MEM206 change (05c3130), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus96.sh DEST
set -eu
dest=${1:?usage: fetch-corpus96.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bpytop==1.0.68 hunter==3.9.0 iredis==1.16.1 litecli==1.17.1 \
    mycli==2.30.1 nvitop==1.7.2 pgcli==4.7.1 vdirsyncer==0.21.0 \
    visidata==3.4
