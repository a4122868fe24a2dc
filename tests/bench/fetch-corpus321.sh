#!/bin/sh
# A three hundred and twenty-first corpus: projects no rule had been tuned
# on (round 3, session 36, 5 Dec 2026): applications built on language
# and image models (InvokeAI's image generation server, the aider and
# Open Interpreter coding agents, Khoj's assistant, Chainlit's chat UI,
# Langflow's flow engine) and the dolphie MySQL monitor.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus321.sh DEST
set -eu
dest=${1:?usage: fetch-corpus321.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aider-chat==0.86.2 chainlit==2.12.0 dolphie==6.18.0 invokeai==6.14.2 \
    khoj==1.42.10 langflow-base==1.13.0 open-interpreter==0.4.3
