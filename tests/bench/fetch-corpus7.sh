#!/bin/sh
# A seventh corpus: the released wheels of projects that no rule had been
# tuned on when it was first judged (round 3, session 7, 1 Dec 2026), held
# back to measure whether the precision work generalises. Once judged it is
# burned like the others: the next round needs a fresh set.
#
# Usage: tests/bench/fetch-corpus7.sh DEST
set -eu
dest=${1:?usage: fetch-corpus7.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    apache-airflow==2.10.3 dagster==1.9.3 astropy==7.0.0 biopython==1.84 \
    gymnasium==1.0.0 diffusers==0.31.0 accelerate==1.1.1 \
    langchain-core==0.3.21 poetry==1.8.4 tox==4.23.2 pyramid==2.0.2 \
    gunicorn==23.0.0 libcst==1.5.1 pymongo==4.10.1 redis==5.2.0 \
    mne==1.8.0 dulwich==0.22.6
