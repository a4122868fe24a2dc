#!/bin/sh
# A fifteenth corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 9, 1 Dec 2026) after the changes made
# from corpus14's verdicts (run at 61472bf), to measure whether the
# held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus15.sh DEST
set -eu
dest=${1:?usage: fetch-corpus15.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    mkdocs==1.6.1 pelican==4.12.0 python-docx==1.2.0 python-pptx==1.0.2 \
    pdfplumber==0.11.10 markdown-it-py==4.3.0 mistletoe==1.6.0 rdflib==7.6.0 \
    neo4j==6.4.1 sqlite-utils==4.2.1 tablib==3.10.0 petl==1.7.30 \
    agate==1.14.2 pint==0.25.3 uncertainties==3.2.3 mpmath==1.4.1 \
    zarr==3.1.6 numcodecs==0.16.6 metpy==1.7.1 python-telegram-bot==22.8 \
    discord.py==2.7.1 slack-sdk==3.48.0 tweepy==4.17.0 praw==8.0.3 \
    selenium==4.52.0 httplib2==0.32.1 requests-toolbelt==1.0.0 pyjwt==2.15.1 \
    passlib==1.7.4 deap==1.4.4 pulp==3.3.2 mesa==3.3.1 textx==4.4.0 \
    ply==3.11 pymodbus==3.16.1
