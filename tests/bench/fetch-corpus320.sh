#!/bin/sh
# A three hundred and twentieth corpus: projects no rule had been tuned
# on (round 3, session 36, 5 Dec 2026): the Azure command line (its
# wheel holds every command module: a large application of generated
# and hand-written code) and Vorta, the Qt front end of BorgBackup.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus320.sh DEST
set -eu
dest=${1:?usage: fetch-corpus320.sh DEST}
here=$(dirname "$0")
"$here/fetch-wheels.sh" "$dest" azure-cli==2.91.0
"$here/fetch-sdists.sh" "$dest" vorta==0.11.6
