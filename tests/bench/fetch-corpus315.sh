#!/bin/sh
# A three hundred and fifteenth corpus: projects no rule had been tuned
# on (round 3, session 36, 5 Dec 2026): Salt, the configuration manager
# (a million lines: execution and state modules, a master and minion
# that run for months), and OSINT tools (maigret, sherlock, holehe).
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus315.sh DEST
set -eu
dest=${1:?usage: fetch-corpus315.sh DEST}
here=$(dirname "$0")
"$here/fetch-wheels.sh" "$dest" maigret==0.6.6 sherlock-project==0.16.2
"$here/fetch-sdists.sh" "$dest" holehe==1.61 salt==3008.5
