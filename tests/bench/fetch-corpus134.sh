#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (traceback and debug printers, terminal UIs, and the Matrix homeserver Synapse),
# fetched (round 3, session 26, 4 Dec 2026) and run with the release
# build of the last change of session 25 (ed64fbe), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus134.sh DEST
set -eu
dest=${1:?usage: fetch-corpus134.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    better-exceptions==0.3.3 click-shell==2.1 devtools==0.13.0 \
    matrix-synapse==1.163.2 pretty-errors==1.2.25 pytermgui==7.8.1 \
    stackprinter==0.2.13 traceback-with-variables==2.2.1
