#!/bin/sh
# A twenty-sixth corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 12, 2 Dec 2026) and run only after
# the session's first change (a0f84de, MEM104's item uses) had landed, to
# measure whether the held-back figure holds. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus26.sh DEST
set -eu
dest=${1:?usage: fetch-corpus26.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aiogram==3.31.0 brax==0.14.2 camelot-py==2.0.0 cartopy==0.26.0 \
    cohere==7.3.1 crewai==1.15.30 dask-ml==2025.1.0 discord-py==2.7.1 \
    dm-control==1.0.50 dspy==3.4.1 faster-whisper==1.2.1 guidance==0.3.1 \
    huggingface-hub==2.4.0 keras-cv==0.9.0 keras-hub==0.32.0 \
    langgraph==1.2.24 llama-index-core==0.14.25 mcp==2.3.0 monai==1.6.1 \
    nncf==3.4.0 optimum==2.3.0 outlines==1.3.3 pdfminer-six==20260107 \
    pydantic-ai-slim==2.68.0 pyrogram==2.0.106 sacrebleu==2.6.0 \
    semantic-kernel==1.45.0 smolagents==1.26.0 stripe==16.1.0 \
    tensorflow-datasets==4.9.10 tensorflow-probability==0.25.0 \
    tf-keras==2.21.0 unstructured==0.27.35
