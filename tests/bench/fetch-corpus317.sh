#!/bin/sh
# A three hundred and seventeenth corpus: projects no rule had been tuned
# on (round 3, session 36, 5 Dec 2026): more OpenStack services (neutron's
# networking agents and server, cinder's block storage with its many
# volume drivers, ironic's bare-metal provisioning) and Google's pytype
# type checker.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus317.sh DEST
set -eu
dest=${1:?usage: fetch-corpus317.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    cinder==29.0.0 ironic==39.0.0 neutron==29.0.0 pytype==2024.10.11
