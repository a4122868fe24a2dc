#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (2D games and their GUI, map and entity libraries, SDL bindings,
# graphs and diagrams drawn to DOT, SVG and PDF),
# fetched (round 3, session 17, 2 Dec 2026) and run with the release build
# of main at dbb0902, to measure whether the held-back figure holds. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus52.sh DEST
set -eu
dest=${1:?usage: fetch-corpus52.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    cairosvg==2.9.1 diagrams==0.25.1 drawsvg==2.4.2 esper==3.9 \
    glooey==0.3.6 graphviz==0.21 moderngl-window==3.1.1 pydot==4.0.1 \
    pygame-ce==2.5.8 pygame-gui==0.6.14 pygame-menu==4.5.2 \
    pyscroll==2.31 pysdl2==0.9.17 pytmx==3.32 pyvis==0.3.2 \
    schemdraw==0.23 svgwrite==1.4.3 thorpy==2.1.15
