#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (monitoring, web archives, coordination and small libraries:
# datadog-checks-base, scout-apm, pywb, warcio, kazoo, pykafka, desert,
# glfw, secretstorage, trafaret),
# fetched (round 3, session 21, 3 Dec 2026) and run with the release build
# of main after the session's first changes (aa7f7d0), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus88.sh DEST
set -eu
dest=${1:?usage: fetch-corpus88.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    datadog-checks-base==38.7.0 desert==2022.9.22 glfw==2.11.0 kazoo==2.11.0 \
    pykafka==2.0.0 pywb==2.10.0 scout-apm==4.0.0 secretstorage==3.5.0 \
    trafaret==2.1.1 warcio==1.8.1
