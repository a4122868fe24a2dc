#!/bin/sh
# A three hundred and twenty-second corpus: projects no rule had been tuned
# on (round 3, session 36, 5 Dec 2026): model training and serving
# (axolotl's fine-tuning, FastChat's training and serving, lmdeploy's
# inference engine) and agent frameworks (Letta, mem0, GPT Researcher,
# browser-use, AutoGen's core).
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus322.sh DEST
set -eu
dest=${1:?usage: fetch-corpus322.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    autogen-core==0.7.5 axolotl==0.19.0 browser-use==0.13.14 \
    fschat==0.2.36 gpt-researcher==0.15.1 letta==0.34.12 lmdeploy==0.18.0 \
    mem0ai==2.2.1
