#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (web interface frameworks and an event ticket shop: solara, shiny,
# mesop, justpy, anvil-uplink, pretix),
# fetched (round 3, session 24, 3 Dec 2026) and run with the release
# build of main at the start of the session (497c500), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus107.sh DEST
set -eu
dest=${1:?usage: fetch-corpus107.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    solara==1.64.1 shiny==1.8.0 mesop==1.3.7 justpy==0.14.0 \
    anvil-uplink==0.7.0 pretix==2026.8.0
