#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (LLM evaluation and tooling: Ragas, DeepEval, Guardrails, Mirascope),
# fetched (round 3, session 29, 4 Dec 2026) and run with the release
# build of 7ff0c82, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus185.sh DEST
set -eu
dest=${1:?usage: fetch-corpus185.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    deepeval==4.3.1 guardrails-ai==0.11.0 mirascope==2.8.2 \
    ragas==0.4.3
