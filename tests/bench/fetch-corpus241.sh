#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (image metadata and a Celery scheduler: PyExifTool, celery-redbeat,
# exifread, piexif), fetched (round 3, session 30, 4 Dec 2026) and run
# with the release build of 8e7f000, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus241.sh DEST
set -eu
dest=${1:?usage: fetch-corpus241.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    celery-redbeat==2.4.2 exifread==3.5.1 piexif==1.1.3 \
    PyExifTool==0.5.6
