#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (serialization, validation and attribute-access dictionaries:
# apiflask, apischema, colander, dataclasses-json, dotmap, jsons,
# marshmallow-dataclass, mashumaro, munch, pyrsistent, pyserde,
# python-box, schematics, spectree, typedload),
# fetched (round 3, session 20, 3 Dec 2026) and run with the release build
# of main after the session's changes (363bc8c), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus80.sh DEST
set -eu
dest=${1:?usage: fetch-corpus80.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    apiflask==3.1.2 apischema==0.19.0 colander==2.0 dataclasses-json==0.6.7 \
    dotmap==1.3.30 jsons==1.6.3 marshmallow-dataclass==8.7.1 mashumaro==3.23 \
    munch==4.0.0 pyrsistent==0.20.0 pyserde==0.34.0 python-box==8.0.0 \
    schematics==2.1.1 spectree==3.0.0 typedload==2.41
