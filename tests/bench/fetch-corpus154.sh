#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (the Pyramid side of the web and a build tool: zc.buildout, deform, Cornice, repoze.who, salmon-mail), fetched (round 3, session 28,
# 4 Dec 2026) and run with the release build of main at the session's
# start (d47afae), to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus154.sh DEST
set -eu
dest=${1:?usage: fetch-corpus154.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    cornice==6.1.0 deform==3.0.1 repoze.who==3.2.0 salmon-mail==3.3.0 \
    zc.buildout==6.0.1
