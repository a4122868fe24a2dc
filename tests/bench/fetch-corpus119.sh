#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (build systems and code-metric tools: SCons, Meson, Conan, lizard,
# wily: scons, meson, conan, lizard, wily),
# fetched (round 3, session 25, 3 Dec 2026) and run with the release
# build at the session's start (27ee36d), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus119.sh DEST
set -eu
dest=${1:?usage: fetch-corpus119.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    scons==4.11.1 meson==1.12.1 conan==2.34.0 lizard==1.24.3 wily==1.25.0
