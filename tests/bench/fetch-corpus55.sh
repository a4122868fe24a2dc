#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (home automation: Zigbee, HomeKit, smart plugs, lights and
# thermostats, media servers, streams, keyboard and mouse hooks,
# astronomy),
# fetched (round 3, session 17, 2 Dec 2026) and run with the release build
# of main at dbb0902, to measure whether the held-back figure holds. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus55.sh DEST
set -eu
dest=${1:?usage: fetch-corpus55.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aiohomekit==4.0.1 bellows==1.2.1 curtsies==0.4.3 ephem==4.2.1 \
    keyboard==0.13.5 mouse==0.7.1 plexapi==4.18.3 pyecobee==1.3.13 \
    pyisy==3.8.0 pylutron==0.4.5 python-roborock==7.13.0 \
    pytradfri==14.0.0 pyvesync==3.4.2 pywemo==2.1.2 sarge==0.1.8 \
    streamlink==8.6.3 tuya-device-sharing-sdk==0.2.15 \
    zha-quirks==0.0.112 zigpy==2.4.0
