#!/bin/sh
# A twenty-third corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 11, 2 Dec 2026) and run at 42b1cf2,
# before any change of the session, to measure whether the held-back figure
# holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus23.sh DEST
set -eu
dest=${1:?usage: fetch-corpus23.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aiomysql==0.3.2 aiortc==1.16.0 asyncpg==0.32.0 bleak==3.1.0 \
    cherrypy==18.10.0 cryptography==50.0.2 eve==2.3.1 evidently==0.7.23 \
    freezegun==1.5.5 hupper==1.12.1 mechanize==0.4.10 modin==0.37.1 \
    moto==5.2.5 paste==3.10.1 playwright==1.65.2 pyasn1==0.6.5 \
    pyomo==6.10.1 pyopenssl==26.4.0 pyserial==3.5 pysnmp==7.1.30 \
    python-can==4.6.1 pyvisa==1.16.2 qiskit==2.6.2 ray==2.60.0 \
    river==0.26.1 tomlkit==0.15.2 waitress==3.0.2 webob==1.8.11 \
    zeroconf==0.154.0
