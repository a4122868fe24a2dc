#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (time-series learning, anomaly detection, feature engineering and
# AutoML: adtk, aeon, evalml, feature-engine, lazypredict, luminol,
# seglearn, tsai, tsfel), fetched (round 3, session 31, 4 Dec 2026) and
# run with the release build of 79d46ff, to measure them. Once judged it
# is burned like the others.
#
# Usage: tests/bench/fetch-corpus249.sh DEST
set -eu
dest=${1:?usage: fetch-corpus249.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    adtk==0.6.2 aeon==1.6.0 evalml==0.84.0 feature-engine==1.9.4 \
    lazypredict==0.3.0 luminol==0.4 seglearn==1.2.5 tsai==1.0.1 \
    tsfel==0.2.0
