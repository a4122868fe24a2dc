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
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    pip==24.3.1 setuptools==75.6.0 pygments==2.18.0 docutils==0.21.2 \
    openpyxl==3.1.5 hypothesis==6.122.1 lightning==2.4.0 datasets==3.1.0 \
    bokeh==3.6.2 distributed==2024.12.0
