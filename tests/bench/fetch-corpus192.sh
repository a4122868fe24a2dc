#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (speaker diarization: pyannote.audio, pyannote.core, pyannote.metrics,
# pyannote.database), fetched (round 3, session 29, 4 Dec 2026) and run
# with the release build of 2f1559c, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus192.sh DEST
set -eu
dest=${1:?usage: fetch-corpus192.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    pyannote-audio==4.0.7 pyannote-core==6.1.0 \
    pyannote-database==6.1.1 pyannote-metrics==4.2.0
