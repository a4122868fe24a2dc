#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (GUI toolkits' Python layers and icon fonts, MIDI ports, music
# analysis tools, noise reduction, hexagonal geo indexes, KML),
# fetched (round 3, session 17, 2 Dec 2026) and run with the release build
# of main after corpus52 to corpus56's changes, to measure whether the
# held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus58.sh DEST
set -eu
dest=${1:?usage: fetch-corpus58.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    guizero==1.6.0 h3==4.5.0 music21-tools==10.2.0 noisereduce==3.0.3 \
    pyqtgraph-extensions==0.5.9 python-rtmidi==1.5.8 qtawesome==1.4.2 \
    qtpy==2.4.3 simplekml==1.3.5
