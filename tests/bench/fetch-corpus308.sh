#!/bin/sh
# A three hundred and eighth corpus: projects no rule had been tuned on
# (round 3, session 35, 5 Dec 2026): the sdists of older desktop and
# terminal applications (MusicBrainz Picard, hangups, pyradio, twint...)
# and the wheels of a few command-line tools. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus308.sh DEST
set -eu
dest=${1:?usage: fetch-corpus308.sh DEST}
here=$(dirname "$0")
"$here/fetch-wheels.sh" "$dest" \
    audible-cli==0.6.0 termgraph==0.8.0 tldr==3.4.4 xlsx2csv==0.8.6
"$here/fetch-sdists.sh" "$dest" \
    cheat==2.5.1 hangups==0.4.18 haxor-news==0.4.3 howdoi==2.0.20 \
    music-tag==0.4.3 picard==3.0.2 pyradio==0.5.2 twint==2.1.20
