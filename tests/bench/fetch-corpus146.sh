#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (bots and small tools: pyTelegramBotAPI, Zulip's bots and bot server,
# streamdeck-ui, afew, rtv, taskw, mailsuite), fetched (round 3, session
# 27, 4 Dec 2026) and run with the release build of the session's list
# changes (31d283f), to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus146.sh DEST
set -eu
dest=${1:?usage: fetch-corpus146.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    afew==4.0.2 mailsuite==2.3.3 pytelegrambotapi==4.37.1 rtv==1.27.1 \
    streamdeck-ui==2.0.15 taskw==2.0.0 zulip-bots==0.9.1 \
    zulip-botserver==0.9.1
