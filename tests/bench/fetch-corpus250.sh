#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (web-framework plugins, schema and configuration libraries, a
# peer-to-peer client, a bibliography manager and a music extension:
# ColanderAlchemy, Mopidy-Spotify, aiohttp-apispec, aiohttp-swagger,
# confz, marshmallow-oneofschema, papis, pydantic-extra-types,
# sanic-openapi, tribler, tyro, ziggurat-foundations, zope-sqlalchemy),
# fetched (round 3, session 31, 4 Dec 2026) and run with the release
# build of 79d46ff, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus250.sh DEST
set -eu
dest=${1:?usage: fetch-corpus250.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aiohttp-apispec==0.7.6 aiohttp-swagger==1.0.16 \
    ColanderAlchemy==0.3.4 confz==2.1.0 marshmallow-oneofschema==3.2.0 \
    Mopidy-Spotify==4.1.1 papis==0.16.1 pydantic-extra-types==2.11.1 \
    sanic-openapi==21.12.0 tribler==7.13.1 tyro==1.0.17 \
    ziggurat-foundations==0.9.1 zope-sqlalchemy==4.1
