#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (desktop integration: Toga core, pydbus, sdbus, notify-py, pyperclip,
# keyrings.alt), fetched (round 3, session 29, 4 Dec 2026) and run with
# the release build of b76947d, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus183.sh DEST
set -eu
dest=${1:?usage: fetch-corpus183.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    keyrings.alt==5.0.2 notify-py==0.3.43 pydbus==0.6.0 \
    pyperclip==1.11.0 sdbus==0.14.3 toga-core==0.5.7
