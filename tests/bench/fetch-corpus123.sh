#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (web UI frameworks and clients, configuration readers: Solara,
# Gradio's client, Dash Bootstrap components, ConfigObj, pyhocon,
# python-decouple),
# fetched (round 3, session 25, 3 Dec 2026) and run with the release
# build of the session's first four changes (4c57d74), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus123.sh DEST
set -eu
dest=${1:?usage: fetch-corpus123.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    solara==1.64.1 gradio-client==2.7.2 dash-bootstrap-components==2.0.4 configobj==5.0.9 pyhocon==0.3.61 python-decouple==3.8
