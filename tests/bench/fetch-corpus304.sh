#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (libraries for references, wikis and home devices: arXiv and Crossref
# clients, a Zotero client, BibTeX parsing and a command-line
# bibliography manager, two wikitext parsers, a SAT-solver toolkit, an
# Audible plugin for beets, and FRITZ!Box and HEOS speaker clients:
# arxiv, beets-audible, bibtexparser, habanero, mwparserfromhell, pubs,
# pyfritzhome, pyheos, python-sat, pyzotero, wikitextparser), fetched
# (round 3, session 34, 5 Dec 2026) and run with the release build of
# 22f131b, to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus304.sh DEST
set -eu
dest=${1:?usage: fetch-corpus304.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    arxiv==4.0.2 beets-audible==1.7.1 bibtexparser==2.1.0 \
    habanero==2.9.2 mwparserfromhell==0.7.2 pubs==0.8.3 \
    pyfritzhome==0.6.21 pyheos==1.0.6 python-sat==1.9.dev24 \
    pyzotero==1.16.0 wikitextparser==3.0.0
