#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects (a
# network emulator server, a workflow service, cloud clients and test
# tools: docstring-parser, gns3-server, mistral, python-novaclient,
# radish-bdd, tosca-parser, xdoctest), fetched (round 3, session 31, 4
# Dec 2026) and run with the release build of 79d46ff, to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus253.sh DEST
set -eu
dest=${1:?usage: fetch-corpus253.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    docstring-parser==0.18.0 gns3-server==3.0.6 mistral==23.0.0 \
    python-novaclient==18.13.1 radish-bdd==0.18.4 tosca-parser==2.15.0 \
    xdoctest==1.3.2
