#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (infrastructure clients and CloudFormation tooling: proxmoxer,
# python-consul, etcd3, python-nomad, sceptre, cfn-lint),
# fetched (round 3, session 24, 3 Dec 2026) and run with the release
# build of main at the start of the session (497c500), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus106.sh DEST
set -eu
dest=${1:?usage: fetch-corpus106.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    proxmoxer==2.3.0 python-consul==1.1.0 etcd3==0.8.1 python-nomad==2.1.0 \
    sceptre==4.7.0 cfn-lint==1.58.0
