#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (a tiling window manager, desktop and shell tools, HTTP clients:
# qtile, i3ipc, pywal, thefuck, HTTPie, http-prompt),
# fetched (round 3, session 25, 4 Dec 2026) and run with the release
# build of the session's last change (ed64fbe), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus130.sh DEST
set -eu
dest=${1:?usage: fetch-corpus130.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    qtile==0.33.0 i3ipc==2.2.1 pywal==3.8.15 thefuck==3.32 httpie==3.2.4 http-prompt==2.1.0
