#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Kubernetes and container clients: kopf, kr8s, kubernetes_asyncio,
# lightkube, podman-compose, python-on-whales),
# fetched (round 3, session 25, 3 Dec 2026) and run with the release
# build at the session's start (27ee36d), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus122.sh DEST
set -eu
dest=${1:?usage: fetch-corpus122.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    kopf==1.45.2 kr8s==0.20.15 kubernetes-asyncio==36.1.0 lightkube==1.0.1 podman-compose==1.6.0 python-on-whales==0.81.0
