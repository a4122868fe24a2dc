#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (OpenStack's command-line clients, its auth middleware and three Oslo
# libraries, and StackStorm's client: keystonemiddleware, oslo-config,
# oslo-db, oslo-service, python-cinderclient, python-glanceclient,
# python-heatclient, python-keystoneclient, python-neutronclient,
# python-openstackclient, st2client), fetched (round 3, session 33, 5
# Dec 2026) and run with the release build of e28a2be, to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus293.sh DEST
set -eu
dest=${1:?usage: fetch-corpus293.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    keystonemiddleware==13.0.1 oslo-config==10.7.0 oslo-db==18.1.1 \
    oslo-service==4.8.0 python-cinderclient==9.10.0 \
    python-glanceclient==4.13.0 python-heatclient==5.3.0 \
    python-keystoneclient==6.0.0 python-neutronclient==14.0.0 \
    python-openstackclient==10.5.0 st2client==3.9.0
