#!/bin/sh
# A thirtieth corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 13, 2 Dec 2026) and run only after
# the changes made from corpus29's verdicts (77d54c7; built before a rebase
# onto the performance commits, which change no finding), to measure whether
# the held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus30.sh DEST
set -eu
dest=${1:?usage: fetch-corpus30.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    anndata==0.12.19 arch==8.0.0 bertopic==0.17.4 cellrank==2.0.7 \
    cirq-core==1.7.0 dendropy==5.1.3 groq==1.7.0 hmmlearn==0.3.3 \
    keras-tuner==1.4.8 langchain-community==0.4.2 lifelines==0.30.3 \
    lightkurve==2.6.0 linearmodels==7.1 mistralai==3.7.0 netket==3.23.0 \
    neuralprophet==0.9.0 obspy==1.5.1 openfermion==1.8.1 opentsne==1.0.4 \
    phonopy==4.10.0 photutils==3.0.0 pingouin==0.7.0 pomegranate==1.1.2 \
    pynndescent==0.7.0 pypinyin==0.55.0 pyquil==4.22.0 pythainlp==5.4.0 \
    scanpy==1.11.5 scikit-bio==0.7.4 scvi-tools==1.4.2 skyfield==1.55 \
    specutils==2.4.0 squidpy==1.8.2 umap-learn==0.5.12 wordcloud==1.9.6
