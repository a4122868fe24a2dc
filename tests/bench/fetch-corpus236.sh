#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (domain permutations and ERP tooling: dnstwist, frappe-bench,
# proteus), fetched (round 3, session 30, 4 Dec 2026) and run with the
# release build of 12fb68e, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus236.sh DEST
set -eu
dest=${1:?usage: fetch-corpus236.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    dnstwist==20250130 frappe-bench==5.31.1 proteus==8.2.0
