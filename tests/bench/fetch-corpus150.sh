#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (chat-bot frameworks: NoneBot and its OneBot adapter, Graia Ariadne,
# hikari-lightbulb, khl.py, qq-botpy), fetched (round 3, session 27,
# 4 Dec 2026) and run with the release build of the session's last rule
# change (d47afae), to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus150.sh DEST
set -eu
dest=${1:?usage: fetch-corpus150.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    graia-ariadne==0.11.7 hikari-lightbulb==3.2.6 khl.py==0.3.17 \
    nonebot-adapter-onebot==2.4.6 nonebot2==2.5.0 qq-botpy==1.2.1
