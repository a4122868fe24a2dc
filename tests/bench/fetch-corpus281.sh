#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (binary analysis and Android reverse engineering: androguard, angr,
# apkleaks, claripy, objection, quark-engine), fetched (round 3, session
# 32, 4 Dec 2026) and run with the release build of b3e566a, to measure
# them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus281.sh DEST
set -eu
dest=${1:?usage: fetch-corpus281.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    androguard==4.1.4 angr==9.2.213 apkleaks==2.6.3 claripy==9.2.213 \
    objection==1.12.5 quark-engine==26.10.1
