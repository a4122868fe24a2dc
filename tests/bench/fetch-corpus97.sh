#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Twisted clients, D-Bus, udev and inotify: klein, txmongo,
# txredisapi, txtorcon, dbus-fast, dbus-next, jeepney, pyudev,
# asyncinotify, inotify_simple, desktop-notifier, simple-websocket),
# fetched (round 3, session 22, 3 Dec 2026) and run with the release
# build of main after the session's MEM206 change (05c3130), to measure
# them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus97.sh DEST
set -eu
dest=${1:?usage: fetch-corpus97.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    asyncinotify==4.4.4 dbus-fast==5.2.0 dbus-next==0.2.3 \
    desktop-notifier==6.2.0 inotify-simple==2.0.1 jeepney==0.9.0 \
    klein==24.8.0 pyudev==0.24.5 simple-websocket==1.1.0 txmongo==26.0.0 \
    txredisapi==1.6.0 txtorcon==26.6.0
