#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (home automation and embedded tooling: ESPHome, PlatformIO, Zephyr's
# west, CANopen, HomeKit accessories, the Home Assistant cloud client:
# esphome, platformio, west, canopen, HAP-python, hass-nabucasa),
# fetched (round 3, session 24, 3 Dec 2026) and run with the release
# build of main at the start of the session (497c500), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus104.sh DEST
set -eu
dest=${1:?usage: fetch-corpus104.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    esphome==2026.6.5 platformio==6.2.0 west==1.5.0 canopen==2.4.1 \
    HAP-python==5.2.0 hass-nabucasa==0.82.0
