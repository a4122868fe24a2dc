#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (web crawlers, semantic-web and REST frameworks, and translation
# tools: ablog, cliquet, cubicweb, frontera, lingua, pontoon,
# scrapyd-client, sphinx-intl), fetched (round 3, session 32, 4 Dec
# 2026) and run with the release build of ff6c50b, to measure them. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus285.sh DEST
set -eu
dest=${1:?usage: fetch-corpus285.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    ablog==0.11.13 cliquet==2.4.2 cubicweb==5.0.1 frontera==0.7.2 \
    lingua==4.16.2 pontoon==0.2.4 scrapyd-client==2.0.3 \
    sphinx-intl==2.4.0
