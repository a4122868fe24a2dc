#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (network automation: device connections, config snapshots, ACL
# generators and a network observability platform: aerleon, capirca,
# jsnapy, nornir-utils, pynetbox, scrapli-netconf, suzieq, unicon),
# fetched (round 3, session 31, 4 Dec 2026) and run with the release
# build of 86b5836, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus258.sh DEST
set -eu
dest=${1:?usage: fetch-corpus258.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aerleon==1.18.0 capirca==2.0.9 jsnapy==1.3.8 nornir-utils==0.3.0 \
    pynetbox==7.8.0 scrapli-netconf==2026.1.12 suzieq==0.25.0 \
    unicon==26.9
