#!/bin/sh
# A tenth corpus: the released wheels of projects no rule had been tuned
# on, fetched (round 3, session 8, 1 Dec 2026) after the changes made from
# corpus9's verdicts, to measure whether the held-back figure holds. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus10.sh DEST
set -eu
dest=${1:?usage: fetch-corpus10.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    botocore==1.35.70 zope.interface==7.2 shapely==2.0.6 geopandas==1.0.1 \
    pyproj==3.7.0 mistune==3.0.2 nbformat==5.10.4 fabric==3.2.2 \
    google-cloud-storage==2.18.2 panel==1.5.4 evaluate==0.4.3 \
    dash==2.18.2 polars==1.16.0 scipy==1.14.1 sqlparse==0.5.2 \
    pyarrow==18.1.0 h5py==3.12.1 ibis-framework==9.5.0 asyncssh==2.18.0 \
    jsonschema==4.23.0 marshmallow==3.23.1 peewee==3.19.0
