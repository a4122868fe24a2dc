#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (asyncio tooling and daemons: aiomonitor, aiodebug, janus, aiorwlock,
# aioredis, aiomcache, peewee-async, mode, watchgod, daemonize,
# lockfile), fetched (round 3, session 22, 3 Dec 2026) and run with the
# release build of main after the session's MEM104 change (360441a), to
# measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus93.sh DEST
set -eu
dest=${1:?usage: fetch-corpus93.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aiodebug==2.3.0 aiomcache==0.8.2 aiomonitor==0.7.1 aioredis==2.0.1 \
    aiorwlock==1.5.1 daemonize==2.5.0 janus==2.0.0 lockfile==0.12.2 \
    mode==4.4.0 peewee-async==2.1.0 watchgod==0.8.2
