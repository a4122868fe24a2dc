#!/bin/sh
# Fetches the released wheels of the given projects from PyPI (the only
# network these machines have) and unpacks each into DEST/NAME-VERSION.
# Shared by the held-back corpora (fetch-corpus3.sh and later), which differ
# only in the projects they pin. Wheels ship a package's .py files (and any
# vendored code) without its tests. Newer glibc tags (manylinux_2_28) are
# accepted too: some projects (mdanalysis, prophet) ship no older wheel, and
# a package's .py files are the same in every platform's wheel.
#
# Usage: tests/bench/fetch-wheels.sh DEST PROJECT==VERSION...
set -eu
dest=${1:?usage: fetch-wheels.sh DEST PROJECT==VERSION...}
shift
mkdir -p "$dest/dl"
cd "$dest"
pip download --only-binary :all: --no-deps -q -d dl "$@" \
    --python-version 3.11 --platform manylinux2014_x86_64 \
    --platform manylinux_2_28_x86_64
for wheel in dl/*.whl; do
    name=$(basename "$wheel" | cut -d- -f1,2 | tr 'A-Z' 'a-z')
    mkdir -p "$name"
    python3 -m zipfile -e "$wheel" "$name"
done
