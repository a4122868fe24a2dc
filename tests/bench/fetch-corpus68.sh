#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (code tools: AST and source round-trippers, safe expression evaluators,
# RestrictedPython, a terminal emulator, PEX and shiv zipapps, packaging
# metadata, the Breezy version control system),
# fetched (round 3, session 18, 3 Dec 2026) and run with the release build
# of main at the session's start (d74da51), before any change made for it.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus68.sh DEST
set -eu
dest=${1:?usage: fetch-corpus68.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    asteval==1.0.10 astor==0.8.1 baron==0.10.1 beniget==0.5.0 \
    breezy==3.3.23 gast==0.7.0 johnnydep==2.1.1 pex==2.105.2 \
    pkginfo==2.0 pyte==0.8.2 readme-renderer==46.0 redbaron==0.9.2 \
    restrictedpython==9.0 shiv==1.0.8 simpleeval==1.0.8
