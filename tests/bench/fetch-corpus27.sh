#!/bin/sh
# A twenty-seventh corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 12, 2 Dec 2026) and run only after
# the changes made from corpus26's verdicts had landed, to measure whether
# the held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus27.sh DEST
set -eu
dest=${1:?usage: fetch-corpus27.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    autobahn==26.11.1 autogen-agentchat==0.7.5 bitsandbytes==0.42.0 \
    chameleon==4.6.0 genshi==0.7.12 h11==0.16.0 h2==4.4.1 jiwer==4.0.0 \
    jraph==0.0.6.dev0 jupyterlab==4.6.6 langsmith==0.15.1 marvin==3.2.7 \
    neural-compressor==3.10 numpydoc==1.11.0 onnxscript==0.7.2 \
    pdoc==16.0.0 pyexcel==0.7.6 pymupdf==2.1 rouge-score==0.0.4 \
    sendgrid==6.12.5 sglang==0.5.10.post1 soundfile==0.14.0 \
    tabula-py==2.10.0 tiktoken==0.14.0 torchaudio==2.11.1 vllm==0.33.0 \
    xarray-spatial==0.5.3 xlrd==2.0.2
