#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (file locks and backup and calendar servers: fasteners, filelock, portalocker, pid, pynng, repoze.lru, ZConfig; borgmatic, duplicity, Radicale, Xandikos),
# fetched (round 3, session 26, 4 Dec 2026) and run with the release
# build of the last change of session 25 (ed64fbe), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus133.sh DEST
set -eu
dest=${1:?usage: fetch-corpus133.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    borgmatic==2.1.10 duplicity==3.2.1 fasteners==0.20 filelock==4.3.2 \
    pid==3.0.4 portalocker==4.4.2 pynng==0.9.0 radicale==3.9.0 \
    repoze-lru==0.8 xandikos==0.4.10 zconfig==4.3
