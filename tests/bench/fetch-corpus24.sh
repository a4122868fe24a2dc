#!/bin/sh
# A twenty-fourth corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 11, 2 Dec 2026) and run only after
# the changes made from corpus23's verdicts had landed (a7b2eda), to
# measure whether the held-back figure holds. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus24.sh DEST
set -eu
dest=${1:?usage: fetch-corpus24.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    audiomentations==0.43.1 cdlib==0.4.1 commonmark==0.9.2 \
    cookiecutter==2.7.1 copier==9.19.1 corner==2.3.0 deepchem==2.8.0 \
    docxtpl==0.20.2 dynesty==3.1.0 easyocr==1.7.2 flet==1.0.5 \
    graphql-core==3.3.2 healpy==1.20.1 igraph==1.0.0 imgaug==0.4.0 \
    lektor==3.3.14 mdtraj==1.11.1.post2 netaddr==1.3.0 nikola==8.3.3 \
    pipenv==2026.10.3 poetry-core==2.5.0 pre-commit==4.7.0 \
    pretty-midi==0.2.11.post0 pycaret==3.3.2 pyscf==2.14.0 \
    pysimplegui==6.3.0.1 qutip==5.3.1 spektral==1.3.1 \
    tensorboardx==2.6.5 torch-geometric==2.8.1 weasyprint==70.0 \
    xhtml2pdf==0.2.28
