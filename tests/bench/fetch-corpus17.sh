#!/bin/sh
# A seventeenth corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 9, 1 Dec 2026) after the changes made
# from corpus16's verdicts (run at dbe30c3), to measure whether the
# held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus17.sh DEST
set -eu
dest=${1:?usage: fetch-corpus17.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    locust==2.47.0 opentelemetry-sdk==1.45.2 opentelemetry-api==1.45.2 \
    prometheus-client==0.26.0 elastic-apm==6.26.2 faker==40.63.0 \
    factory-boy==3.3.3 responses==0.26.3 vcrpy==9.4.2 behave==1.3.3 \
    robotframework==7.5 schemathesis==4.32.5 google-api-core==2.44.0 \
    google-cloud-bigquery==3.47.0 sagemaker==3.27.0 awscli==1.46.3 \
    scalene==1.3.12 pyinstrument==5.1.3 datadog==0.56.0 statsd==4.0.1 \
    osmnx==2.1.1 geopy==2.5.0 folium==0.20.0
