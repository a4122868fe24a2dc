#!/bin/sh
# A twentieth corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 10, 1 Dec 2026) and run only after
# the changes made from corpus19's verdicts had landed, to measure whether
# the held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus20.sh DEST
set -eu
dest=${1:?usage: fetch-corpus20.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    amqp==5.4.2 arcade==3.3.3 asciimatics==1.15.0 bentoml==1.4.40 \
    billiard==4.3.2 blessed==1.52.0 clearml==2.1.12 datashader==0.19.1 \
    dpkt==1.9.8 hvplot==0.12.2 lightgbm==4.7.0 metaflow==2.19.39 \
    napalm==5.2.0 nicegui==3.18.0 nornir==3.6.0 notebook==7.6.5 \
    npyscreen==5.0.4 papermill==2.7.0 pymc-marketing==0.19.2 pyshark==0.6 \
    reflex==0.10.1 schedule==1.2.2 scp==0.16.2 sh==2.4.0 toga-core==0.5.7 \
    ursina==7.0.0 vine==5.1.0 voila==0.5.13 zenml==0.98.0
