#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (an issue tracker, a media automation tool and workflow engines:
# Trac, FlexGet, cwltool, Toil),
# fetched (round 3, session 25, 3 Dec 2026) and run with the release
# build of the session's first four changes (4c57d74), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus125.sh DEST
set -eu
dest=${1:?usage: fetch-corpus125.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    Trac==1.6 flexget==3.22.8 cwltool==3.3.20260925135507 toil==9.6.0
