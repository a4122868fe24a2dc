#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (database and GraphQL clients, time series, Avro, SAML and Okta,
# GnuPG, file watching, CPU and GPU information, QR codes and barcodes,
# Redis queue dashboards),
# fetched (round 3, session 17, 2 Dec 2026) and run with the release build
# of main after corpus52 to corpus56's changes, to measure whether the
# held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus57.sh DEST
set -eu
dest=${1:?usage: fetch-corpus57.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aiohttp-session==2.12.1 avro==1.12.2 clickhouse-connect==1.12.0 \
    distro==1.9.0 duckdb-engine==0.17.0 gql==4.4.0 \
    influxdb-client==1.50.0 nvidia-ml-py==13.615.71 okta==3.4.6 \
    py-cpuinfo==9.0.0 pynamodb==6.1.0 pysaml2==7.5.5 \
    python-barcode==0.16.1 python-gnupg==0.5.7 python3-saml==1.16.0 \
    qrcode==8.2 rq-dashboard==0.9.0 segno==1.6.6 sgqlc==18 \
    tartiflette==0.7.1 watchfiles==1.3.0
