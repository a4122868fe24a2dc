#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (realtime messaging and async plumbing: ably, pubnub, pusher,
# flask-socketio, sse-starlette, trio-websocket, gevent-websocket,
# geventhttpclient, grequests, aiojobs, aiostream, asyncstdlib,
# starlette-context), fetched (round 3, session 22, 3 Dec 2026) and run
# with the release build of main after the session's MEM206 change
# (05c3130), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus94.sh DEST
set -eu
dest=${1:?usage: fetch-corpus94.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    ably==3.1.4 aiojobs==1.4.0 aiostream==0.8.1 asyncstdlib==3.14.0 \
    Flask-SocketIO==5.7.0 gevent-websocket==0.10.1 geventhttpclient==2.6.1 \
    grequests==0.7.0 pubnub==4.0.12 pusher==3.3.4 sse-starlette==3.7.1 \
    starlette-context==0.5.1 trio-websocket==0.12.2
