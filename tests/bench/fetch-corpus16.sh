#!/bin/sh
# A sixteenth corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 9, 1 Dec 2026) after the changes made
# from corpus15's verdicts (run at 9cc2838), to measure whether the
# held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus16.sh DEST
set -eu
dest=${1:?usage: fetch-corpus16.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    nbclient==0.11.0 ipyparallel==9.2.0 qtconsole==5.7.2 fastai==2.8.12 \
    pytorch-ignite==0.5.5 kornia==0.9.0 albumentations==2.0.8 \
    librosa==0.11.0 music21==10.5.1 mido==1.3.3 moviepy==2.2.1 \
    pydub==0.25.1 imbalanced-learn==0.14.2 mlxtend==0.25.0 \
    category-encoders==2.11.2 featuretools==1.31.0 tsfresh==0.21.2 \
    yellowbrick==1.5 interpret-core==0.7.8 darts==0.48.1 \
    statsforecast==2.0.1 gluonts==0.17.0 dvc==3.67.1 nox==2026.10.20 \
    azure-core==1.41.0 msal==1.39.0 google-auth==2.63.0 beanie==2.2.0 \
    motor==3.7.1
