#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (chat bots, media players and desktop automation: interactions.py,
# maubot, sopel, tekore, mpv, python-vlc, ahk, mss, robocorp-browser,
# rpaframework-core, screeninfo),
# fetched (round 3, session 20, 3 Dec 2026) and run with the release build
# of main after all of the session's changes (207b55f), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus84.sh DEST
set -eu
dest=${1:?usage: fetch-corpus84.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    ahk==1.8.4 interactions-py==5.16.0 maubot==0.6.0 mpv==1.0.8 mss==10.2.0 \
    python-vlc==3.0.21203 robocorp-browser==2.4.0 rpaframework-core==13.0.3 \
    screeninfo==0.8.1 sopel==8.0.4 tekore==6.2.0
