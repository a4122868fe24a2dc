#!/bin/sh
# A twenty-eighth corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 12, 2 Dec 2026) and run only after
# the changes made from corpus27's verdicts had landed (baed96a), to
# measure whether the held-back figure holds. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus28.sh DEST
set -eu
dest=${1:?usage: fetch-corpus28.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    ansible-lint==26.10.1 azure-cli-core==2.91.0 azure-identity==1.27.0 \
    bugsnag==4.9.2 cdktf==0.21.0 ciscoconfparse==1.9.52 cleo==2.1.0 \
    ddtrace==4.16.0 exchangelib==5.6.0 flytekit==1.16.31 fpdf2==2.8.9 \
    gin-config==0.5.0 keyring==25.7.0 mkdocstrings-python==2.0.11 \
    modal==1.6.4 molecule==26.10.0 ncclient==0.7.1 newrelic==14.1.0 \
    o365==2.1.10 pulumi==3.272.0 pydantic-settings==2.16.3 \
    pydoc-markdown==4.8.2 pynacl==1.6.2 pypdf2==3.0.1 python-jose==3.5.0 \
    questionary==2.1.1 rollbar==1.5.0 ruamel-yaml==0.19.1 \
    scrapli==2026.10.14 sqlmesh==0.236.4 textfsm==2.1.0 vaex-core==4.19.0
