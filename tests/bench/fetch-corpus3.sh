#!/bin/sh
# A third corpus, fetched from PyPI (the only network these machines have):
# the released wheels (and one sdist) of ten widely used projects no rule was
# tuned on in round 3 (30 Nov 2026). It was judged once, at the end of that
# round: the next round needs yet another held-back set to measure
# generalisation again. Wheels ship the package's .py files without tests.
#
# Usage: tests/bench/fetch-corpus3.sh DEST
set -eu
dest=${1:?usage: fetch-corpus3.sh DEST}
"$(dirname "$0")/fetch-wheels.sh" "$dest" \
    sqlalchemy==2.0.36 tornado==6.4.1 networkx==3.4.2 sphinx==8.1.3 \
    paramiko==3.5.0 celery==5.4.0 kombu==5.4.2 black==24.10.0 mypy==1.13.0
# rich from its sdist, as it was first judged (the sdist carries its tests).
cd "$dest"
pip download --no-binary :all: --no-deps -q -d dl rich==13.9.4
tar xzf dl/rich-13.9.4.tar.gz
