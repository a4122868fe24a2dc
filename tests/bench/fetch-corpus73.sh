#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (interactive shells and debuggers, profiling output, logging: the bpython
# and ptpython REPLs, the pdb++, remote and web debuggers, gprof2dot and
# vprof, Twiggy and python-json-logger, and the ExaBGP routing daemon),
# fetched (round 3, session 19, 3 Dec 2026) and run with the release build
# of main at the session's start (4cbdb51), to measure it.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus73.sh DEST
set -eu
dest=${1:?usage: fetch-corpus73.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bpython==0.26 exabgp==5.0.15 gprof2dot==2025.4.14 pdbpp==0.12.1 \
    ptpython==3.0.32 python-json-logger==4.2.0 remote-pdb==2.1.0 \
    twiggy==0.5.1 vprof==0.38 web-pdb==2.0.1
