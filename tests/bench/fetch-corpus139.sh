#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (OCR and document tools: kraken, Calamari, PaddleOCR; sphinx-autobuild, substanced),
# fetched (round 3, session 26, 4 Dec 2026) and run with the release
# build of the session's MEM104 change (cc81305), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus139.sh DEST
set -eu
dest=${1:?usage: fetch-corpus139.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    calamari-ocr==2.3.1 kraken==7.1.1 paddleocr==3.7.0 \
    sphinx-autobuild==2025.8.25 substanced==1.0.post1
