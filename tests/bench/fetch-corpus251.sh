#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (desktop GUI toolkits and widgets, a 2D game engine, notifications and
# WebSocket and etcd clients: Gooey, easygui, freesimplegui, notify2,
# pyetcd, pygame-widgets, pyqt-fluent-widgets, wasabi2d,
# websocket-client), fetched (round 3, session 31, 4 Dec 2026) and run
# with the release build of 79d46ff, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus251.sh DEST
set -eu
dest=${1:?usage: fetch-corpus251.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    easygui==0.98.3 freesimplegui==5.3.0.post1 Gooey==1.0.8.1 \
    notify2==0.3.1 pyetcd==1.11.1 pygame-widgets==1.3.2 \
    pyqt-fluent-widgets==1.11.3 wasabi2d==1.4.1 \
    websocket-client==1.9.2
