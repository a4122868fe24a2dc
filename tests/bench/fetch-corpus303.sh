#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Jupyter servers and physics tools: a multi-user notebook hub with its
# spawners and authenticators, a grading tool, the Spyder kernel, X-ray
# fluorescence and X-ray data, particle decays and histograms:
# batchspawner, boost-histogram, decaylanguage, dockerspawner,
# jupyterhub, nbgrader, oauthenticator, pyxrf, spyder-kernels, xraydb),
# fetched (round 3, session 34, 5 Dec 2026) and run with the release
# build of 22f131b, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus303.sh DEST
set -eu
dest=${1:?usage: fetch-corpus303.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    batchspawner==1.3.0 boost-histogram==1.8.1 decaylanguage==1.1.2 \
    dockerspawner==14.0.0 jupyterhub==6.1.1 nbgrader==0.9.6 \
    oauthenticator==17.4.0 pyxrf==1.0.31 spyder-kernels==3.1.6 \
    xraydb==4.5.8
