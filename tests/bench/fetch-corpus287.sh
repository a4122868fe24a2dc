#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (desktop and media programs: a text expander, a drop-down terminal,
# music and ZFS backup tools, a BitTorrent client library: Mopidy-Local,
# autokey, beets-audible, deluge-client, guake, meld, pyznap, ytmdl,
# zfs-autobackup), fetched (round 3, session 33, 5 Dec 2026) and run
# with the release build of 34ffbd2, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus287.sh DEST
set -eu
dest=${1:?usage: fetch-corpus287.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    autokey==0.96.0 beets-audible==1.7.1 deluge-client==1.10.2 \
    guake==3.10 meld==1.0.2 Mopidy-Local==3.3.0 pyznap==1.6.0 \
    ytmdl==2024.8.15.1 zfs-autobackup==3.3
