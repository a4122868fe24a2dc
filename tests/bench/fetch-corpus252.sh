#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects (a
# network source of truth and an Ansible run recorder: ara, nautobot),
# fetched (round 3, session 31, 4 Dec 2026) and run with the release
# build of 79d46ff, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus252.sh DEST
set -eu
dest=${1:?usage: fetch-corpus252.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    ara==1.8.0 nautobot==3.2.7
