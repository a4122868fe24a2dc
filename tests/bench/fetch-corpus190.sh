#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (binary analysis: pyelftools, Ropper, r2pipe, frida-tools), fetched
# (round 3, session 29, 4 Dec 2026) and run with the release build of
# 2f1559c, to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus190.sh DEST
set -eu
dest=${1:?usage: fetch-corpus190.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    frida-tools==14.13.0 pyelftools==0.33 r2pipe==2.1.0 \
    ropper==1.13.13
