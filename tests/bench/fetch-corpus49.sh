#!/bin/sh
# A forty-ninth corpus: the released wheels of projects no rule had been
# tuned on (experiment tracking, automated machine learning, drift and
# data-quality monitoring, model explanation and fairness, model
# conversion and serving, gradient boosting), fetched (round 3, session
# 16, 2 Dec 2026) and run with the release build of main once corpus48
# was judged, to measure whether the held-back figure holds. Once judged
# it is burned like the others.
#
# Usage: tests/bench/fetch-corpus49.sh DEST
set -eu
dest=${1:?usage: fetch-corpus49.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    tpot==1.1.0 aif360==0.6.1 aim==3.29.1 alibi-detect==0.13.0 \
    bayesian-optimization==3.4.0 catboost==1.2.10 comet-ml==3.58.8 \
    coremltools==9.0 dalex==1.8.0 deepchecks==0.19.1 dvclive==3.49.1 \
    flaml==2.8.0 h2o==3.46.0.11 mlserver==1.7.1 nannyml==0.13.1 \
    neptune-client==1.14.0.post2 seldon-core==1.18.2 skl2onnx==1.20.0 \
    tf2onnx==1.17.0 whylogs==1.6.4 xgboost-ray==0.1.19
