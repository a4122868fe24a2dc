#!/bin/sh
# Fetches the source distributions of the given projects from PyPI and
# unpacks each into DEST/NAME-VERSION, as fetch-wheels.sh does with wheels.
# For projects that publish no wheel (many older applications: esptool,
# pyftpdlib, rdiff-backup), which give more findings than the newer
# libraries whose wheels the later corpora took. An sdist holds what the
# repository holds (tests, docs, examples), so a run sees what a user's
# run on the checkout would.
#
# Usage: tests/bench/fetch-sdists.sh DEST PROJECT==VERSION...
set -eu
dest=${1:?usage: fetch-sdists.sh DEST PROJECT==VERSION...}
shift
mkdir -p "$dest/dl"
cd "$dest"
pip download --no-binary :all: --no-deps -q -d dl "$@"
for sdist in dl/*.tar.gz dl/*.zip; do
    [ -e "$sdist" ] || continue
    case $sdist in
        *.tar.gz) tar -xzf "$sdist" ;;
        *.zip) python3 -m zipfile -e "$sdist" . ;;
    esac
done
