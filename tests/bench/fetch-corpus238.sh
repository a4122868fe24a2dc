#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Qt styles and plugin models: QDarkStyle, app-model,
# napari-plugin-engine, pyqtdarktheme), fetched (round 3, session 30, 4
# Dec 2026) and run with the release build of 12fb68e, to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus238.sh DEST
set -eu
dest=${1:?usage: fetch-corpus238.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    app-model==0.5.1 napari-plugin-engine==0.2.1 pyqtdarktheme==2.1.0 \
    QDarkStyle==3.2.3
