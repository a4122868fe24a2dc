#!/bin/sh
# A thirty-first corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 13, 2 Dec 2026) and run only after
# the changes made from corpus30's verdicts (acda3b6; built before a rebase
# onto the performance commits, which change no finding), to measure whether
# the held-back figure holds. Once judged it is burned like the others.
# (deepspeed's newest wheel for this platform is an old dev release.)
#
# Usage: tests/bench/fetch-corpus31.sh DEST
set -eu
dest=${1:?usage: fetch-corpus31.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    casadi==3.8.2 click-repl==0.4.1 colorama==0.4.6 coqui-tts==0.28.0 \
    cvxopt==1.3.3 deepspeed==0.3.1.dev5 filterpy==2.0.0 fiona==1.10.1 \
    fugashi==1.5.2 hdbscan==0.8.44 indic-nlp-library==0.92 konlpy==0.6.0 \
    mudata==0.3.10 opencc==1.4.2 ortools==9.15.6755 pinecone==10.2.0 \
    pmdarima==2.1.1 poliastro==0.12.0 pykalman==0.11.2 pyldavis==3.4.1 \
    pysam==0.24.1 pytesseract==0.3.13 rasterio==1.4.4 rdkit==2026.9.1 \
    scikit-optimize==0.10.2 scikit-survival==0.28.0 sklearn-crfsuite==0.5.0 \
    spglib==2.8.0 termcolor==3.3.0 toml==0.10.2 tomli==2.5.0 \
    top2vec==1.0.36 underthesea==9.5.0
