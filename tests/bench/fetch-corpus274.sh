#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Django and Flask applications: Superdesk-Core, askbot, kiwitcms,
# mayan-edms, openwisp-monitoring, openwisp-radius, pretalx), fetched
# (round 3, session 32, 4 Dec 2026) and run with the release build of
# b4d4453, to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus274.sh DEST
set -eu
dest=${1:?usage: fetch-corpus274.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    askbot==0.13.0 kiwitcms==12.4 mayan-edms==4.12.2 \
    openwisp-monitoring==1.3 openwisp-radius==1.3.3 pretalx==2025.2.2 \
    Superdesk-Core==2.5.3
