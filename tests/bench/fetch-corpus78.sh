#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (daemons, remote objects and system tools: python-daemon, Pyro5,
# zerorpc, the glances and s-tui monitors, GNU Mailman, and the
# udsoncan and can-isotp automotive stacks),
# fetched (round 3, session 20, 3 Dec 2026) and run with the release build
# of main after the session's first change (cfb3b5a), to measure it.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus78.sh DEST
set -eu
dest=${1:?usage: fetch-corpus78.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    can-isotp==2.0.7 glances==4.5.8 mailman==3.3.10 pyro5==5.17 \
    python-daemon==3.1.2 s-tui==1.5.0 udsoncan==1.26.1 zerorpc==0.6.3
