#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (names and addresses: nameparser, probablepeople, usaddress, pyap,
# gender-guesser, iso639-lang), fetched (round 3, session 29, 4 Dec 2026)
# and run with the release build of 9f45e9c, to measure them. Once judged
# it is burned like the others.
#
# Usage: tests/bench/fetch-corpus200.sh DEST
set -eu
dest=${1:?usage: fetch-corpus200.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    gender-guesser==0.4.0 iso639-lang==2.6.3 nameparser==2.6.0 \
    probablepeople==0.5.6 pyap==0.3.1 usaddress==0.5.16
