#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (synchrotron and lab control: Sardana, Taurus, silx, pyFAI, FabIO,
# nexusformat, pylabrad), fetched (round 3, session 27, 4 Dec 2026) and
# run with the release build of the session's list changes (31d283f), to
# measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus149.sh DEST
set -eu
dest=${1:?usage: fetch-corpus149.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    fabio==2026.6.0 nexusformat==2.1.0 pyfai==2026.9.0 pylabrad==0.98.3 \
    sardana==3.7.1 silx==3.1.3 taurus==5.4.1
