#!/bin/sh
# A fifth corpus: the released wheels of ten widely used projects that no
# rule had been tuned on when it was first judged (round 3, session 5,
# 1 Dec 2026), held back to measure whether the precision work generalises.
# Once judged it is burned like the others: the next round needs a fresh set.
#
# Usage: tests/bench/fetch-corpus5.sh DEST
set -eu
dest=${1:?usage: fetch-corpus5.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    pandas==2.2.3 matplotlib==3.9.3 scikit-learn==1.5.2 pylint==3.3.1 \
    astroid==3.3.5 jedi==0.19.2 nltk==3.9.1 alembic==1.14.0 \
    fastapi==0.115.5 textual==0.87.1
