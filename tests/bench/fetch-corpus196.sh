#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (documentation generators: handsdown, lazydocs, mkdocs-macros, pdoc3,
# sphinx-autoapi, sphinx-click), fetched (round 3, session 29, 4 Dec
# 2026) and run with the release build of 9f45e9c, to measure them. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus196.sh DEST
set -eu
dest=${1:?usage: fetch-corpus196.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    handsdown==2.1.0 lazydocs==0.4.8 mkdocs-macros-plugin==1.5.0 \
    pdoc3==0.11.6 sphinx-autoapi==3.9.0 sphinx-click==6.2.0
