#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (HTTP clients and their caches, server-sent events, Sphinx themes,
# Markdown-it plugins, reStructuredText to PDF),
# fetched (round 3, session 17, 2 Dec 2026) and run with the release build
# of main after all of the session's changes (3e0f76d), to measure whether
# the held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus62.sh DEST
set -eu
dest=${1:?usage: fetch-corpus62.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    cachecontrol==0.14.4 furo==2025.12.19 httpx-sse==0.4.3 \
    mdit-py-plugins==0.7.0 niquests==3.21.2 \
    pydata-sphinx-theme==0.24.0 requests-cache==1.3.3 \
    requests-futures==1.1.0 rst2pdf==0.105 sphinx-rtd-theme==3.1.0 \
    sseclient-py==1.9.0 urllib3-future==2.25.904
