#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (media metadata: MusicBrainz, AcoustID, Discogs, TIDAL, Jellyfin, TMDb
# and IMDb clients, subtitles, release-name parsing, language codes,
# Matroska),
# fetched (round 3, session 18, 3 Dec 2026) and run with the release build
# of main after the session's first changes (79db5c1), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus70.sh DEST
set -eu
dest=${1:?usage: fetch-corpus70.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    babelfish==0.6.1 cinemagoer==2026.8.20 enzyme==0.5.2 \
    guessit==4.4.0 jellyfin-apiclient-python==1.20.2 \
    musicbrainzngs==0.7.1 pyacoustid==1.3.1 \
    python3-discogs-client==2.10 rebulk==6.0.1 subliminal==2.8.0 \
    tidalapi==0.8.11 tmdbv3api==1.10.0
