#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (cloud security scanners and infrastructure tools: ScoutSuite,
# aws-sam-cli, cartography, cloudsplaining, kube-hunter, parliament,
# prowler, terraform-compliance), fetched (round 3, session 32, 4 Dec
# 2026) and run with the release build of b3e566a, to measure them. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus280.sh DEST
set -eu
dest=${1:?usage: fetch-corpus280.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aws-sam-cli==1.170.0 cartography==0.143.0 cloudsplaining==0.9.1 \
    kube-hunter==0.6.8 parliament==1.6.4 prowler==5.46.0 \
    ScoutSuite==5.14.0 terraform-compliance==1.16.0
