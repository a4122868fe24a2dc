#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (dependency and security tooling: Semgrep, CycloneDX, pipreqs,
# FawltyDeps, creosote), fetched (round 3, session 29, 4 Dec 2026) and
# run with the release build of b76947d, to measure them. Once judged it
# is burned like the others.
#
# Usage: tests/bench/fetch-corpus182.sh DEST
set -eu
dest=${1:?usage: fetch-corpus182.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    creosote==5.2.0 cyclonedx-bom==7.5.0 fawltydeps==0.20.0 \
    pipreqs==0.5.0 semgrep==1.157.0
