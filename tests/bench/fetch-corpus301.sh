#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (scientific and lab tools: electron-microscopy signal analysis,
# crystal orientation, mass spectra, genome intervals, superconducting
# qubits, beamline devices, a Python IDE and a file-transfer tool:
# hyperspy, kikuchipy, magic-wormhole, ms-deisotope, orix, pcdsdevices,
# pybedtools, pyxem, pyzo, scqubits), fetched (round 3, session 34, 5
# Dec 2026) and run with the release build of cddfbe2, to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus301.sh DEST
set -eu
dest=${1:?usage: fetch-corpus301.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    hyperspy==2.5.0 kikuchipy==0.13.1 magic-wormhole==0.24.0 \
    ms-deisotope==0.0.60 orix==0.15.0 pcdsdevices==11.1.1 \
    pybedtools==0.12.1 pyxem==0.21.0 pyzo==4.22.0 scqubits==4.3.1
