#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (a Matrix homeserver, IRC libraries, a 3D printer server and an SNMP
# engine: matrix-synapse, irc, irc3, octoprint, pysnmp-lextudio),
# fetched (round 3, session 24, 3 Dec 2026) and run with the release
# build of the session's MEM206 change (7a84116), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus113.sh DEST
set -eu
dest=${1:?usage: fetch-corpus113.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    matrix-synapse==1.163.2 irc==20.5.0 irc3==1.1.12 \
    octoprint==1.11.8 pysnmp-lextudio==6.3.0
