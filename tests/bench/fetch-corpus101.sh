#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (the Kubernetes client and a dozen packages most installs pull in:
# kubernetes, distlib, filelock, grpcio-status, idna, iniconfig,
# markupsafe, packaging, platformdirs, pluggy, six, wcwidth), fetched
# (round 3, session 23, 3 Dec 2026) and run with the release build of
# main after the session's MEM206 and MEM401 changes (4e7fa25), to
# measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus101.sh DEST
set -eu
dest=${1:?usage: fetch-corpus101.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    distlib==0.4.4 filelock==4.3.2 grpcio-status==1.85.3 idna==3.20 \
    iniconfig==2.3.1 kubernetes==37.0.2 markupsafe==3.0.4 packaging==26.4 \
    platformdirs==4.14.9 pluggy==1.7.0 six==1.17.0 wcwidth==0.9.4
