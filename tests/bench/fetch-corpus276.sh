#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (web archiving, open-data portals and bibliography tools: archivebox,
# changedetection-io, citeproc-py, ckan, invenio-records, osfclient,
# paperscraper, pybtex, pydataverse, scholarly, shaarli-client), fetched
# (round 3, session 32, 4 Dec 2026) and run with the release build of
# d9df434, to measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus276.sh DEST
set -eu
dest=${1:?usage: fetch-corpus276.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    archivebox==0.7.4 changedetection-io==0.60.10 citeproc-py==0.11.1 \
    ckan==2.12.0 invenio-records==6.1.0 osfclient==0.0.5 \
    paperscraper==1.1.0 pybtex==0.26.1 pydataverse==0.3.5 \
    scholarly==1.7.11 shaarli-client==0.5.0
