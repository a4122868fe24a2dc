#!/bin/sh
# A three hundred and fourteenth corpus: projects no rule had been tuned
# on (round 3, session 35, 5 Dec 2026): desktop and media applications
# (OpenLP's church presentation software, the bauh package manager GUI,
# Tautulli's Plex monitor, the catt and soco-cli casting tools, a Jellyfin
# extension for Mopidy) and music downloaders (streamrip, qobuz-dl,
# tidal-dl). Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus314.sh DEST
set -eu
dest=${1:?usage: fetch-corpus314.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bauh==0.10.7 catt==0.13.3 mopidy-jellyfin==1.1.0 openlp==3.1.6 \
    qobuz-dl==0.9.9.10 soco-cli==0.4.88 streamrip==2.1.0 \
    tautulli==4.8.2.2180 tidal-dl==2022.10.31.1
