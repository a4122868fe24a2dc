#!/bin/sh
# A three hundred and eighteenth corpus: projects no rule had been tuned
# on (round 3, session 36, 5 Dec 2026): six more OpenStack services
# (manila's shared file systems, designate's DNS, barbican's secrets,
# trove's databases, magnum's container clusters, ceilometer's metering
# agents).
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus318.sh DEST
set -eu
dest=${1:?usage: fetch-corpus318.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    barbican==23.0.0 ceilometer==27.0.0 designate==23.0.0 magnum==23.0.0 \
    manila==23.0.1 trove==26.0.0
