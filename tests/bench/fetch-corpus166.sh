#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (medical imaging: pynetdicom, highdicom, TorchIO, dicomweb-client),
# fetched (round 3, session 29, 4 Dec 2026) and run with the release
# build of 4bbb87d, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus166.sh DEST
set -eu
dest=${1:?usage: fetch-corpus166.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    dicomweb-client==0.61.2 highdicom==0.28.2 pynetdicom==3.0.4 \
    torchio==1.2.1
