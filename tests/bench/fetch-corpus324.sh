#!/bin/sh
# A three hundred and twenty-fourth corpus: projects no rule had been tuned
# on (round 3, session 36, 5 Dec 2026): OpenSesame's experiment builder
# (and its Rapunzel editor), the Safe Eyes break reminder, the buku
# bookmark manager, and five more OpenStack services (aodh's alarms,
# zaqar's queues, masakari's instance HA, blazar's reservations,
# cloudkitty's rating).
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus324.sh DEST
set -eu
dest=${1:?usage: fetch-corpus324.sh DEST}
here=$(dirname "$0")
"$here/fetch-wheels.sh" "$dest" \
    aodh==23.0.0 blazar==18.0.0 cloudkitty==25.0.0 masakari==22.0.0 \
    opensesame-core==4.1.22 rapunzel==1.0.0 safeeyes==3.5.1 zaqar==23.0.1
"$here/fetch-sdists.sh" "$dest" buku==5.1
