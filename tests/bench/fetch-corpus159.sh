#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (repository and code-quality tools: git-filter-repo, pre-commit-hooks, gitlint, REUSE, pip-licenses, add-trailing-comma, interrogate, darglint), fetched (round 3, session 28,
# 4 Dec 2026) and run with the release build of session 28's third
# rule change (ae0cd4b), to measure them. Once judged it is burned like
# the others.
#
# Usage: tests/bench/fetch-corpus159.sh DEST
set -eu
dest=${1:?usage: fetch-corpus159.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    add-trailing-comma==4.0.0 darglint==1.8.1 git-filter-repo==2.47.0 \
    gitlint-core==0.19.1 interrogate==1.7.0 pip-licenses==5.5.5 \
    pre-commit-hooks==6.0.0 reuse==1.0.0
