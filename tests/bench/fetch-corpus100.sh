#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (message-queue clients, brokers and task queues: aioamqp, amqpstorm,
# coilmq, gnsq, kuyruk, pgqueuer, rabbitpy, stomp.py, tasktiger),
# fetched (round 3, session 23, 3 Dec 2026) and run with the release
# build of main after the session's MEM205 change (656a2d2), to measure
# them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus100.sh DEST
set -eu
dest=${1:?usage: fetch-corpus100.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aioamqp==0.15.0 amqpstorm==3.1.4 coilmq==1.1.0 gnsq==1.0.2 kuyruk==10.2.2 \
    pgqueuer==1.6.0 rabbitpy==3.0.2 stomp-py==9.0.0 tasktiger==0.10.1
