#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (laboratory instruments and control: Bluesky and ophyd, PLC and
# EtherNet/IP, serial, test rigs; and code tooling: a Python language
# server and its plugins, code upgraders, complexity and lint wrappers),
# fetched (round 3, session 17, 2 Dec 2026) and run with the release build
# of main after corpus52 to corpus55's changes, to measure whether the
# held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus56.sh DEST
set -eu
dest=${1:?usage: fetch-corpus56.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    bluesky==1.15.1 cpppo==5.2.5 dodgy==0.2.1 flynt==1.0.6 \
    instrumentkit==0.6.0 labgrid==26.0.1 mccabe==0.7.0 ophyd==1.11.2 \
    prospector==1.20.0 pylablib==1.4.5 pylint-django==2.8.0 \
    pylsp-mypy==0.8.2 pyserial-asyncio==0.6 python-lsp-server==1.15.0 \
    python-snap7==3.3.0 pyupgrade==3.22.0 xenon==0.9.3
