#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (cloud and remote storage clients: b2sdk, PyFilesystem2, webdav4, s3cmd), fetched (round 3, session 28,
# 4 Dec 2026) and run with the release build of main at the session's
# start (d47afae), to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus151.sh DEST
set -eu
dest=${1:?usage: fetch-corpus151.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    b2sdk==2.13.2 fs==2.4.16 s3cmd==2.4.0 webdav4==0.11.0
