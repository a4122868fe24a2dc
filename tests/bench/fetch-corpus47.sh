#!/bin/sh
# A forty-seventh corpus: the released wheels of projects no rule had been
# tuned on (audio tags and decoding, music information retrieval and MIDI,
# speech recognition, music services' clients, image hashing, labelling,
# COCO tools, OCR, PDF and face recognition libraries), fetched (round 3,
# session 16, 2 Dec 2026) and run with the release build of e037282, once
# corpus46's change was made, to measure whether the held-back figure
# holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus47.sh DEST
set -eu
dest=${1:?usage: fetch-corpus47.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    imagehash==4.3.2 audioread==3.1.0 beets==2.14.1 deepface==0.0.103 \
    doctr==1.9.0 eyed3==0.9.9 img2pdf==0.6.3 insightface==2.1 \
    jams==0.3.5 labelme==6.3.1 miditoolkit==1.0.1 mir-eval==0.8.2 \
    muspy==0.5.0 mutagen==1.48.1 pedalboard==0.9.26 pikepdf==10.18.0 \
    pycocotools==2.0.11 pylast==7.2.0 pystoi==0.4.1 pyvips==2.1.0 \
    sounddevice==0.5.6 speechrecognition==3.17.0 spotipy==2.26.0 \
    tinytag==2.3.2 vosk==0.3.45 ytmusicapi==1.12.3
