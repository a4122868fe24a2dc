#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (document layout analysis, OCR and PDF parsing: deepdoctection,
# layoutparser, llmsherpa, marker-pdf, nougat-ocr, pdfrw, surya-ocr),
# fetched (round 3, session 31, 4 Dec 2026) and run with the release
# build of a70e08d, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus264.sh DEST
set -eu
dest=${1:?usage: fetch-corpus264.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    deepdoctection==1.4.0 layoutparser==0.3.4 llmsherpa==0.1.4 \
    marker-pdf==2.0.0 nougat-ocr==0.1.17 pdfrw==0.4 surya-ocr==0.22.1
