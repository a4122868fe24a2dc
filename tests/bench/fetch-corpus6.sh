#!/bin/sh
# A sixth corpus: the released wheels of thirteen widely used projects that no
# rule had been tuned on when it was first judged (round 3, session 6,
# 1 Dec 2026), held back to measure whether the precision work generalises.
# Once judged it is burned like the others: the next round needs a fresh set.
#
# Usage: tests/bench/fetch-corpus6.sh DEST
set -eu
dest=${1:?usage: fetch-corpus6.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    optuna==4.1.0 mlflow==2.18.0 sentry-sdk==2.19.0 streamlit==1.40.2 \
    urllib3==2.2.3 trio==0.27.0 sanic==24.6.0 coverage==7.6.8 \
    pymc==5.19.1 scikit-image==0.24.0 statsmodels==0.14.4 numpy==2.1.3 \
    prefect==3.1.5
