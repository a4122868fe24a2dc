#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (document conversion and OCR: docling, docx2python, epy-reader,
# marker-pdf, nougat-ocr, surya-ocr), fetched (round 3, session 32, 4
# Dec 2026) and run with the release build of 8f28656, to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus270.sh DEST
set -eu
dest=${1:?usage: fetch-corpus270.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    docling==2.143.0 docx2python==3.7.1 epy-reader==2023.6.11 \
    marker-pdf==2.0.0 nougat-ocr==0.1.17 surya-ocr==0.22.1
