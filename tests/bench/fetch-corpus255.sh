#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (package index servers and mirrors, a VPN over SSH and an SDN
# framework: bandersnatch, devpi-client, devpi-server, os-ken,
# pypiserver, sshuttle), fetched (round 3, session 31, 4 Dec 2026) and
# run with the release build of 79d46ff, to measure them. Once judged it
# is burned like the others.
#
# Usage: tests/bench/fetch-corpus255.sh DEST
set -eu
dest=${1:?usage: fetch-corpus255.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bandersnatch==6.8.0 devpi-client==7.3.0 devpi-server==6.20.3 \
    os-ken==4.2.2 pypiserver==2.4.2 sshuttle==2.0.0
