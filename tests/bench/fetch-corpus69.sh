#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (cloud storage clients: Box, Dropbox, Google Drive through PyDrive2 and
# gdown, WebDAV, FTP),
# fetched (round 3, session 18, 3 Dec 2026) and run with the release build
# of main after the session's first changes (79db5c1), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus69.sh DEST
set -eu
dest=${1:?usage: fetch-corpus69.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    boxsdk==10.18.0 dropbox==12.2.5 ftputil==5.2.0 gdown==6.5.1 \
    pydrive2==1.21.3 webdavclient3==3.14.7
