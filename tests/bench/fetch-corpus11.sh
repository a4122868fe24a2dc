#!/bin/sh
# An eleventh corpus: the released wheels of projects no rule had been tuned
# on, fetched (round 3, session 8, 1 Dec 2026) after the changes made from
# corpus10's verdicts, to measure whether the held-back figure holds. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus11.sh DEST
set -eu
dest=${1:?usage: fetch-corpus11.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    tqdm==4.67.1 pyparsing==3.2.0 psycopg==3.2.3 httpcore==1.0.7 anyio==4.6.2 \
    pyinstaller==6.11.1 virtualenv==20.28.0 hatchling==1.26.3 pdm==2.21.0 \
    ruamel.yaml==0.18.6 s3transfer==0.10.4 azure-storage-blob==12.24.0 \
    openai==1.56.2 sentence-transformers==3.3.1 onnx==1.17.0 wandb==0.18.7 \
    pygame==2.6.1 paho-mqtt==2.1.0 aiokafka==0.12.0 elasticsearch==8.16.0 \
    scapy==2.6.1 dnspython==2.7.0
