#!/bin/sh
# A fourth corpus, fetched from PyPI: the released wheels of ten widely used
# projects no rule had been tuned on when it was first judged (1 Dec 2026),
# held back to measure whether the round's precision work generalises. Once
# judged it is burned like the others: the next round needs a fresh set.
# Wheels ship the package's .py files without tests.
#
# Usage: tests/bench/fetch-corpus4.sh DEST
set -eu
dest=${1:?usage: fetch-corpus4.sh DEST}
mkdir -p "$dest/dl"
cd "$dest"
pip download --only-binary :all: --no-deps -q -d dl \
    pip==24.3.1 setuptools==75.6.0 pygments==2.18.0 docutils==0.21.2 \
    openpyxl==3.1.5 hypothesis==6.122.1 lightning==2.4.0 datasets==3.1.0 \
    bokeh==3.6.2 distributed==2024.12.0 \
    --python-version 3.11 --platform manylinux2014_x86_64
for wheel in dl/*.whl; do
    name=$(basename "$wheel" | cut -d- -f1,2 | tr 'A-Z' 'a-z')
    mkdir -p "$name"
    python3 -m zipfile -e "$wheel" "$name"
done
