#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (neuroimaging workflows: nitime, PyBIDS, TemplateFlow, NiWorkflows,
# HeuDiConv), fetched (round 3, session 29, 4 Dec 2026) and run with the
# release build of 4bbb87d, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus172.sh DEST
set -eu
dest=${1:?usage: fetch-corpus172.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    heudiconv==1.5.1 nitime==0.12.1 niworkflows==1.14.5 \
    pybids==0.22.0 templateflow==25.1.2
