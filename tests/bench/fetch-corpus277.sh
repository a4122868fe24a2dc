#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (media downloaders and social-media clients: bdfr, deemix, instagrapi,
# myjdapi, savify, twitch-dl), fetched (round 3, session 32, 4 Dec 2026)
# and run with the release build of d9df434, to measure them. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus277.sh DEST
set -eu
dest=${1:?usage: fetch-corpus277.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bdfr==2.6.2 deemix==3.6.6 instagrapi==3.2.2 myjdapi==1.1.11 \
    savify==2.3.4 twitch-dl==3.3.2
