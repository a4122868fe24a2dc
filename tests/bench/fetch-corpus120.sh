#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (control-system and device clients, MQTT, a GUI toolkit core and a
# packaging checker: caproto, pyepics, PyTango, hbmqtt, Toga's core,
# pyroma: caproto, pyepics, pytango, hbmqtt, toga-core, pyroma),
# fetched (round 3, session 25, 3 Dec 2026) and run with the release
# build at the session's start (27ee36d), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus120.sh DEST
set -eu
dest=${1:?usage: fetch-corpus120.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    caproto==1.3.0 pyepics==3.5.10 pytango==10.3.1 hbmqtt==0.9.5 toga-core==0.5.7 pyroma==5.0.1
