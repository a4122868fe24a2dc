#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (chat clients and astronomy: Matrix and XMPP bot libraries, a
# Rocket.Chat client, an address book and an EteSync client, synthetic
# photometry, the Roman telescope's calibration pipeline and a JWST
# data-analysis GUI: etesync, jdaviz, khard, nio-bot, rocketchat-api,
# romancal, simplematrixbotlib, stsynphot, synphot, xmpppy), fetched
# (round 3, session 34, 5 Dec 2026) and run with the release build of
# 9d511b1, to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus305.sh DEST
set -eu
dest=${1:?usage: fetch-corpus305.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    etesync==0.5.6 jdaviz==5.0.2 khard==0.22.0 nio-bot==1.2.1 \
    rocketchat-api==3.7.1 romancal==1.1.0 simplematrixbotlib==2.13.1 \
    stsynphot==1.6.0 synphot==1.8.0 xmpppy==0.7.4
