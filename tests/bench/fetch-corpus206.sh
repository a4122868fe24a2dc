#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (quantum computing: StrawberryFields, amazon-braket-sdk, mitiq,
# pytket), fetched (round 3, session 30, 4 Dec 2026) and run with the
# release build of c91a2b8, to measure them. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus206.sh DEST
set -eu
dest=${1:?usage: fetch-corpus206.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    amazon-braket-sdk==1.127.5 mitiq==1.1.0 pytket==2.18.5 \
    StrawberryFields==0.23.0
