#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (media servers, players and smart-home clients: pyLoad, Mopidy,
# python-mpv, deezer-python, aiohue),
# fetched (round 3, session 25, 4 Dec 2026) and run with the release
# build of the session's changes up to 0280c87, to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus127.sh DEST
set -eu
dest=${1:?usage: fetch-corpus127.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    pyload-ng==0.5.0b3.dev101 Mopidy==3.4.2 python-mpv==1.0.8 deezer-python==7.4.0 aiohue==4.9.0
