#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (speech recognition and synthesis tools: WhisperX, Piper, JiWER, tgt),
# fetched (round 3, session 29, 4 Dec 2026) and run with the release
# build of 2f1559c, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus191.sh DEST
set -eu
dest=${1:?usage: fetch-corpus191.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    jiwer==4.0.0 piper-tts==1.8.0 tgt==1.5 whisperx==3.8.6
