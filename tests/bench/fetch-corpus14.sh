#!/bin/sh
# A fourteenth corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 9, 1 Dec 2026) and run at db978a7,
# before any change of the session, to measure the held-back figure of the
# code as session 8 left it. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus14.sh DEST
set -eu
dest=${1:?usage: fetch-corpus14.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    mitmproxy==11.0.2 pywikibot==11.9.0 quart==0.22.0 litestar==2.25.0 \
    sqlmodel==0.0.50 pandera==0.35.0 cattrs==26.2.1 pendulum==3.3.0 \
    arrow==1.4.0 boltons==26.2.0 structlog==26.1.0 tenacity==9.2.1 \
    loguru==0.7.3 watchdog==7.1.0 huey==3.5.4 arq==0.28.0 \
    kafka-python==3.0.12 pika==1.4.4 zeep==4.3.3 feedparser==6.0.14 \
    mako==1.4.3 strawberry-graphql==0.341.2 mongoengine==0.29.3 \
    tortoise-orm==1.1.9 arviz==0.23.4 lmfit==1.3.4 pyro-ppl==1.9.2 \
    gpytorch==1.15.2 hyperopt==0.3.0 ase==3.29.0 pvlib==0.16.1
