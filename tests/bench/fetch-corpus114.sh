#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (authentication and authorization: SPNEGO, Flask-Security,
# FastAPI Users, Casbin, Oso: pyspnego, flask-security-too,
# fastapi-users, pycasbin, oso),
# fetched (round 3, session 24, 3 Dec 2026) and run with the release
# build of the session's MEM206 change (7a84116), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus114.sh DEST
set -eu
dest=${1:?usage: fetch-corpus114.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    pyspnego==0.12.4 flask-security-too==5.9.2 fastapi-users==15.0.5 \
    pycasbin==2.8.0 oso==0.27.3
