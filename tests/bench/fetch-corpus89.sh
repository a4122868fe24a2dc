#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (optimization and databases: pymoo, pyswarms, smac, mip, scikit-fem,
# aiormq, pyathena, vertica-python, nagiosplugin, zabbix-utils),
# fetched (round 3, session 21, 3 Dec 2026) and run with the release build
# of main after the session's first changes (aa7f7d0), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus89.sh DEST
set -eu
dest=${1:?usage: fetch-corpus89.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aiormq==7.2.4 mip==2.0.0 nagiosplugin==1.4.0 pyathena==4.2.1 \
    pymoo==0.6.2 pyswarms==1.3.0 scikit-fem==12.0.2 smac==2.4.0 \
    vertica-python==1.4.0 zabbix-utils==2.0.4
