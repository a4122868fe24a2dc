#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (a continuous-integration server and its worker on Twisted, an error
# reporter, a terminal UI: buildbot, buildbot-worker, airbrake,
# pytermgui), fetched (round 3, session 23, 3 Dec 2026) and run with
# the release build of main at 0379a73, to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus99.sh DEST
set -eu
dest=${1:?usage: fetch-corpus99.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    airbrake==2.2.0 buildbot==4.3.0 buildbot-worker==4.3.0 pytermgui==7.8.1
