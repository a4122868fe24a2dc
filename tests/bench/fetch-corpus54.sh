#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (test tools: pytest plugins, mocks, HTTP mocking, snapshot and
# approval testing, matchers, fake data, mutation testing),
# fetched (round 3, session 17, 2 Dec 2026) and run with the release build
# of main at dbb0902, to measure whether the held-back figure holds. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus54.sh DEST
set -eu
dest=${1:?usage: fetch-corpus54.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    approvaltests==20.0.1 cosmic-ray==8.7.0 \
    hypothesis-jsonschema==0.23.1 mimesis==22.2.0 mock==5.2.0 \
    mutmut==3.8.1 pook==2.1.6 pyhamcrest==2.1.0 pytest-asyncio==1.5.0 \
    pytest-bdd==9.0.1 pytest-benchmark==5.3.1 pytest-cov==7.1.0 \
    pytest-django==4.14.0 pytest-html==4.2.0 pytest-httpx==0.36.2 \
    pytest-mock==3.17.0 pytest-randomly==5.1.0 \
    pytest-rerunfailures==16.7 pytest-timeout==2.4.0 \
    pytest-xdist==3.8.0 respx==0.23.1 sure==1.4.9 syrupy==7.0.2 \
    testfixtures==12.4.0 time-machine==3.6.0
