#!/bin/sh
# A three hundred and nineteenth corpus: projects no rule had been tuned
# on (round 3, session 36, 5 Dec 2026): the Leo outlining editor, the
# opsdroid chat-bot framework, the wafw00f and dnsrecon scanners, and
# three more OpenStack services (senlin's clustering, tacker's NFV
# orchestration, vitrage's root-cause analysis).
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus319.sh DEST
set -eu
dest=${1:?usage: fetch-corpus319.sh DEST}
here=$(dirname "$0")
"$here/fetch-wheels.sh" "$dest" \
    leo==6.8.10 senlin==16.0.0 tacker==16.0.0 vitrage==15.0.1 wafw00f==2.4.2
"$here/fetch-sdists.sh" "$dest" dnsrecon==0.10.1 opsdroid==0.31.0
