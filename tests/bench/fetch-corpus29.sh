#!/bin/sh
# A twenty-ninth corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 13, 2 Dec 2026) and run only after
# the changes made from corpus28's verdicts had landed (14050d0), to
# measure whether the held-back figure holds. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus29.sh DEST
set -eu
dest=${1:?usage: fetch-corpus29.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    alive-progress==3.3.0 allennlp==2.10.1 bleach==6.4.0 \
    cassandra-driver==3.30.1 cerberus==1.3.8 environs==15.2.0 \
    espnet==202511 fastjsonschema==2.22.3 flair==0.15.1 gtts==2.5.4 \
    honeybadger==1.3.0 hpack==4.2.0 hyperframe==6.1.0 inquirer==3.4.1 \
    itsdangerous==2.2.0 localstack-core==2026.3.0 magicgui==0.10.2 \
    meshio==5.3.5 mkdocs-material==9.8.2 mysql-connector-python==26.10.0 \
    nemo-toolkit==3.0.0 ocrmypdf==17.13.0 opensearch-py==3.2.0 \
    parsel==1.12.1 pyannote-audio==4.0.7 pyjanitor==0.32.60 \
    python-dotenv==1.2.4 pyttsx3==2.99 referencing==0.37.0 \
    rich-click==1.9.9 speechbrain==1.1.2 stanza==1.15.0 vispy==0.17.0 \
    voluptuous==0.16.0 yaspin==3.5.1
