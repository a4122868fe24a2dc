#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (face detection and recognition: face-recognition, facenet-pytorch,
# retinaface), fetched (round 3, session 30, 4 Dec 2026) and run with
# the release build of 8e7f000, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus240.sh DEST
set -eu
dest=${1:?usage: fetch-corpus240.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    face-recognition==1.3.0 facenet-pytorch==2.6.0 retinaface==1.1.1
