#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Flask extensions: Flask-Babel, Flask-Mail, Flask-Migrate, Flask-WTF),
# fetched (round 3, session 30, 4 Dec 2026) and run with the release
# build of bd51b33, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus232.sh DEST
set -eu
dest=${1:?usage: fetch-corpus232.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    Flask-Babel==4.0.0 Flask-Mail==0.10.0 Flask-Migrate==4.1.0 \
    Flask-WTF==1.3.0
