#!/bin/sh
# A forty-fifth corpus: the released wheels of projects no rule had been
# tuned on (geospatial formats, tiles and geodesy, portfolio and market
# data libraries, CAD and mesh formats, a Game Boy emulator, chess,
# grid-world environments), fetched (round 3, session 16, 2 Dec 2026)
# and run with the release build of main once corpus44's changes were
# made, to measure whether the held-back figure holds. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus45.sh DEST
set -eu
dest=${1:?usage: fetch-corpus45.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bt==1.4.1 build123d==0.13.0 cadquery==2.8.0 chess==1.10.0 \
    contextily==1.7.1 ezdxf==1.4.5 ffn==1.4.1 geojson==3.3.0 \
    gpxpy==1.6.2 mapbox-vector-tile==2.2.0 mapclassify==2.10.0 \
    mercantile==1.2.1 minigrid==3.2.0 numpy-stl==4.1.1 overpy==0.7 \
    pandas-datareader==0.11.1 pyboy==2.8.1 pygeodesy==26.10.26 \
    pygltflib==1.16.5 pyogrio==0.13.0 pyportfolioopt==1.6.0 \
    pysal==26.1 riskfolio-lib==7.4.0 s2sphere==0.2.5 \
    solidpython==1.1.3 utm==0.9.0
