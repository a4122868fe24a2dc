#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (OpenStack's object store and libraries: Swift, TaskFlow, Tooz,
# oslo.messaging),
# fetched (round 3, session 25, 4 Dec 2026) and run with the release
# build of the session's last change (ed64fbe), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus131.sh DEST
set -eu
dest=${1:?usage: fetch-corpus131.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    swift==2.38.3 taskflow==6.5.0 tooz==9.1.0 oslo.messaging==18.3.1
