#!/bin/sh
# A forty-third corpus: the released wheels of projects no rule had been
# tuned on (bioinformatics pipelines and formats, ontologies, mass
# spectrometry, computational chemistry, Arabic, Persian and Russian
# language tools, spelling, finite fields, two JAX libraries), fetched
# (round 3, session 16, 2 Dec 2026) and run with the release build of
# 6c64037, the session's start, to measure whether the held-back figure
# holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus43.sh DEST
set -eu
dest=${1:?usage: fetch-corpus43.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bioservices==1.16.0 camel-tools==1.6.0 cclib==1.8.1 cutadapt==5.2 \
    galois==0.4.11 gffutils==0.14 goatools==1.6.9 gseapy==1.3.1 \
    hazm==0.10.0 htseq==2.1.2 language-tool-python==3.4.0 \
    multiqc==1.35 nlpaug==1.1.11 objax==1.8.0 obonet==1.3.0 \
    pronto==2.7.4 pydeseq2==0.5.4 pyensembl==2.32.3 pyfaidx==0.9.2.2 \
    pymorphy2==0.9.1 pyranges==0.1.7 pyspellchecker==0.9.1 \
    pyteomics==5.0.1 scvelo==0.3.4 snakemake==9.27.1 \
    symspellpy==6.10.1 textdistance==4.6.3 trax==1.4.1
