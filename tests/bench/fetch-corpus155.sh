#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Django shops and CMS add-ons: Shuup, Cartridge, wagtail-localize, Puput), fetched (round 3, session 28,
# 4 Dec 2026) and run with the release build of main at the session's
# start (d47afae), to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus155.sh DEST
set -eu
dest=${1:?usage: fetch-corpus155.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    Cartridge==1.3.4 puput==2.2.0 shuup==3.1.0 wagtail-localize==1.14.5
