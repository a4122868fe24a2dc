#!/bin/sh
# A thirty-fourth corpus: the released wheels of projects no rule had been
# tuned on (scientific data, physics, geospatial, instrument control, web
# scraping helpers), fetched (round 3, session 14, 2 Dec 2026) and run
# with the release build of d1e17ec, before any change of the session, to
# measure whether the held-back figure holds. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus34.sh DEST
set -eu
dest=${1:?usage: fetch-corpus34.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    awkward==2.14.0 bilby==2.8.2 coffea==2026.9.0 cssselect==1.6.0 \
    esda==2.9.0 geoviews==1.15.1 h5netcdf==1.8.3 halo==0.0.30 \
    hist==2.12.1 libpysal==4.14.1 momepy==0.11.0 mplhep==1.3.3 \
    particle==1.1.0 pims==0.6.0 ptyprocess==0.7.0 pygmsh==7.1.17 \
    pyhf==0.7.6 pymeasure==0.16.0 pyquery==2.1.0 pyresample==1.35.0 \
    qcodes==0.58.0 rioxarray==0.19.0 rtree==1.4.1 salabim==26.0.9 \
    satpy==0.60.0 siphon==0.11.0 suds-community==1.2.0 toga-core==0.5.7 \
    trackpy==0.3.3 uproot==5.7.7 w3lib==2.5.0 wand==0.7.2 zfit==0.28.0
