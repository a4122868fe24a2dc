#!/bin/sh
# A thirty-fifth corpus: the released wheels of projects no rule had been
# tuned on (climate and ocean data access, STAC and earth observation,
# plotting, widgets, physics), fetched (round 3, session 14, 2 Dec 2026)
# and run with the release build of e18f35a, once corpus34's changes were
# made, to measure whether the held-back figure holds. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus35.sh DEST
set -eu
dest=${1:?usage: fetch-corpus35.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    adjusttext==1.4.0 argopy==1.5.0 cf-xarray==0.11.3 climpred==2.6.0 \
    colorcet==3.2.1 copernicusmarine==2.5.0 correctionlib==2.9.0 \
    dask-awkward==2026.2.1 earthaccess==0.17.0 erddapy==3.3.1 \
    geemap==0.37.2 geocube==0.7.1 iminuit==2.33.0 ipyvolume==0.6.3 \
    kerchunk==0.2.10 leafmap==0.63.1 mpl-interactions==0.24.2 \
    odc-stac==0.5.3 owslib==0.35.0 palettable==3.3.3 pint-xarray==0.6.1 \
    pooch==1.9.0 proplot==0.9.7 pydap==3.5.9 pystac==1.15.2 \
    pystac-client==0.9.1 pythreejs==2.4.2 rasterstats==0.21.0 \
    sentinelsat==1.2.1 stackstac==0.5.1 ultraplot==2.7.3 uproot3==3.14.4 \
    vector==1.9.0 xesmf==0.9.2 xskillscore==0.0.29
