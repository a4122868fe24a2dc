#!/bin/sh
# A forty-sixth corpus: the released wheels of projects no rule had been
# tuned on (small web frameworks, ORMs and query builders, database
# drivers for PostgreSQL, ClickHouse, Trino, Hive, Impala, graph and
# document stores, a search engine), fetched (round 3, session 16,
# 2 Dec 2026) and run with the release build of main once corpus45 was
# judged, to measure whether the held-back figure holds. Once judged it
# is burned like the others.
#
# Usage: tests/bench/fetch-corpus46.sh DEST
set -eu
dest=${1:?usage: fetch-corpus46.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    pyhive==0.7.0.dev0 whoosh==2.7.4 aiohttp-jinja2==1.6 aiopg==1.4.0 \
    blacksheep==2.6.4 clickhouse-driver==0.2.11 databases==0.9.0 \
    dataset==2.0.0 edgedb==2.2.0 elasticsearch-dsl==8.18.0 \
    emmett==2.8.2 flask-smorest==0.47.0 gino==1.0.1 \
    gremlinpython==3.8.2 impyla==0.24.0 masonite==4.20.4 \
    molten==1.0.2 odmantic==1.1.0 ormar==0.26.0 pg8000==1.31.6 \
    pugsql==0.3.7 py2neo==2021.2.4 pymodm==0.4.3 pypika==0.51.1 \
    python-arango==8.3.7 records==0.6.0 responder==9.2.0 \
    sqlalchemy-utils==0.43.0 trino==0.340.0 yoyo-migrations==9.0.0
