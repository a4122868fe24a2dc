#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (log and trace shippers: Fluentd, Logz.io, CloudWatch, GELF, Zipkin, Airbrake, Pyroscope, Prometheus; the AppDaemon home-automation runner),
# fetched (round 3, session 26, 4 Dec 2026) and run with the release
# build of the last change of session 25 (ed64fbe), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus132.sh DEST
set -eu
dest=${1:?usage: fetch-corpus132.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aioprometheus==23.12.0 airbrake==2.2.0 appdaemon==4.5.13 \
    fluent-logger==0.11.1 graypy==2.1.0 logzio-python-handler==4.1.9 \
    py-zipkin==1.2.8 pygelf==0.4.3 pyroscope-io==1.4.0 watchtower==3.4.0
