#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (an IRC bot framework, caching libraries and a MongoDB ODM: irc3,
# cacheout, cachier, umongo),
# fetched (round 3, session 25, 4 Dec 2026) and run with the release
# build of the session's last change (ed64fbe), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus129.sh DEST
set -eu
dest=${1:?usage: fetch-corpus129.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    irc3==1.1.12 cacheout==0.17.0 cachier==4.2.0 umongo==4.0.0
