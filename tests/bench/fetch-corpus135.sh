#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (the Tryton ERP server, the Deluge torrent client, Transmission and qBittorrent API clients),
# fetched (round 3, session 26, 4 Dec 2026) and run with the release
# build of the last change of session 25 (ed64fbe), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus135.sh DEST
set -eu
dest=${1:?usage: fetch-corpus135.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    deluge==2.2.0 qbittorrent-api==2026.10.1 transmission-rpc==7.0.12 \
    trytond==8.2.1
