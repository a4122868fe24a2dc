#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (single-cell, geospatial tiling and biology API clients: bbknn,
# biothings-client, cellxgene-census, harmonypy, rio-tiler, stactools,
# wot, xarray-datatree), fetched (round 3, session 31, 4 Dec 2026) and
# run with the release build of 79d46ff, to measure them. Once judged it
# is burned like the others.
#
# Usage: tests/bench/fetch-corpus244.sh DEST
set -eu
dest=${1:?usage: fetch-corpus244.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bbknn==1.6.0 biothings-client==0.5.1 cellxgene-census==1.18.0 \
    harmonypy==2.1.0 rio-tiler==9.4.12 stactools==0.5.3 \
    wot==1.0.8.post2 xarray-datatree==0.0.15
