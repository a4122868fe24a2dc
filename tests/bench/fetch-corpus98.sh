#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (signals and event emitters, reactive streams, MQTT, home-automation
# hubs: blinker, psygnal, pymitter, Events, evento, zope.event, Rx,
# aioreactive, busypie, aiomqtt, bottom, pydeconz, pyinsteon,
# pylutron-caseta, pymysensors, pyvera), fetched (round 3, session 23,
# 3 Dec 2026) and run with the release build of main at 0379a73, to
# measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus98.sh DEST
set -eu
dest=${1:?usage: fetch-corpus98.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    Events==0.5 Rx==3.2.0 aiomqtt==2.5.1 aioreactive==0.20.0 blinker==1.9.0 \
    bottom==2.2.0 busypie==0.6.1 evento==2.0.1 psygnal==0.16.1 \
    pydeconz==115 pyinsteon==1.7.0 pylutron-caseta==0.30.1 pymitter==1.1.3 \
    pymysensors==0.26.0 pyvera==0.3.16 zope.event==6.2
