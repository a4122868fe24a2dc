#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (version control and CI tooling: Breezy, Mercurial, the Buildbot
# worker, Jenkins clients, a commit linter: breezy, mercurial,
# buildbot-worker, jenkinsapi, python-jenkins, gitlint-core),
# fetched (round 3, session 24, 3 Dec 2026) and run with the release
# build of the session's MEM206 change (7a84116), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus115.sh DEST
set -eu
dest=${1:?usage: fetch-corpus115.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    breezy==3.3.23 mercurial==7.2.4 buildbot-worker==4.3.0 \
    jenkinsapi==0.3.23 python-jenkins==1.8.3 gitlint-core==0.19.1
