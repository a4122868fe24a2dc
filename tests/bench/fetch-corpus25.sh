#!/bin/sh
# A twenty-fifth corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 11, 2 Dec 2026) and run only after
# the changes made from corpus24's verdicts had landed (d711605), to
# measure whether the held-back figure holds. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus25.sh DEST
set -eu
dest=${1:?usage: fetch-corpus25.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    alibi==0.9.6 captum==0.9.0 chromadb==1.5.9 dbt-core==1.12.6 \
    dlt==1.31.0 eli5==0.16.0 fairlearn==0.15.0 fiftyone==1.22.1 \
    google-genai==3.6.1 interpret==0.7.8 lancedb==0.40.0 \
    langchain==1.5.2 lightning-utilities==0.15.3 litellm==1.110.2 \
    meltano==4.4.1 mmdet==3.3.0 opacus==1.6.0 open-clip-torch==3.3.0 \
    pymilvus==3.0.2 qdrant-client==1.20.0 segment-anything==1.0 \
    singer-sdk==0.54.9 soda-core==4.28.0 sqlfluff==4.5.0 \
    supervision==0.31.2 torchvision==0.29.2 ultralytics==8.4.190 \
    weaviate-client==4.24.1
