#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (desktop and terminal tools: a UML modeller, a PDF presenter, a mixer,
# a calendar client, a shell demo player, a spreadsheet viewer, a Lisp
# on Python and a tmux session manager: doitlive, gaphor, gcalcli, hy,
# pulsemixer, pympress, tabview, tmuxp), fetched (round 3, session 33, 5
# Dec 2026) and run with the release build of f0ac8ea, to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus300.sh DEST
set -eu
dest=${1:?usage: fetch-corpus300.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    doitlive==5.2.1 gaphor==3.1.0 gcalcli==4.5.1 hy==0.20.0 \
    pulsemixer==1.5.1 pympress==1.8.6 tabview==1.5.0 tmuxp==1.76.0
