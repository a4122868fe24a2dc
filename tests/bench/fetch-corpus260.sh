#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (spiking-neural-network simulators, EDF signal files, meshes and a
# call-graph tracer: bindsnet, brian2, meshplex, nengo, norse,
# pycallgraph2, pyedflib, pynn, snntorch), fetched (round 3, session 31,
# 4 Dec 2026) and run with the release build of eb31ef1, to measure
# them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus260.sh DEST
set -eu
dest=${1:?usage: fetch-corpus260.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bindsnet==0.3.4 brian2==2.9.0 meshplex==0.22.5 nengo==4.1.0 \
    norse==0.0.4 pycallgraph2==1.1.3 pyedflib==0.1.42 pynn==0.13.0 \
    snntorch==1.0.0
