#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (dictionaries, flashcards and comic or manga tools: comicapi,
# comictagger, genanki, lemminflect, manga-py, mangadex-downloader,
# pixivpy3, pyglossary), fetched (round 3, session 32, 4 Dec 2026) and
# run with the release build of f88e359, to measure them. Once judged it
# is burned like the others.
#
# Usage: tests/bench/fetch-corpus283.sh DEST
set -eu
dest=${1:?usage: fetch-corpus283.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    comicapi==3.2.0 comictagger==1.5.5 genanki==0.13.1 \
    lemminflect==0.2.3 manga-py==1.33.2 mangadex-downloader==3.1.4 \
    pixivpy3==3.7.5 pyglossary==5.4.0
