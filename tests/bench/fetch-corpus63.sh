#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (command-line parsers built from signatures and dataclasses,
# agent-based modelling, optimisation solvers' Python layers),
# fetched (round 3, session 17, 2 Dec 2026) and run with the release build
# of main after all of the session's changes (3e0f76d), to measure whether
# the held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus63.sh DEST
set -eu
dest=${1:?usage: fetch-corpus63.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    agentpy==0.1.5 arguably==1.3.0 cyclopts==5.5.2 defopt==7.0.0 \
    docopt-ng==0.9.0 gekko==1.3.3 jsonargparse==4.53.0 osqp==1.1.3 \
    plac==1.4.7 simple-parsing==0.1.9 typed-argument-parser==1.12.0
