#!/bin/sh
# A forty-eighth corpus: the released wheels of projects no rule had been
# tuned on (command-line frameworks and argument parsers, configuration
# loaders, template engines, a book builder, Ansible's runner, SSH
# tunnels, profilers and tracers, structured logging, crontab editing),
# fetched (round 3, session 16, 2 Dec 2026) and run with the release
# build of 8ca8d2d, once corpus47's change was made, to measure whether
# the held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus48.sh DEST
set -eu
dest=${1:?usage: fetch-corpus48.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    pysnooper==1.2.3 ansible-runner==2.4.3 argh==0.31.3 \
    cement==3.0.16 click-plugins==1.1.1.2 cliff==4.17.0 clize==5.0.2 \
    confuse==2.3.0 eliot==1.18.0 everett==3.5.0 \
    filprofiler==2024.11.2 icecream==2.2.0 jupyter-book==2.1.7 \
    liquidpy==0.10.0 logbook==1.10.1 py-spy==0.4.3 pyfiglet==1.0.4 \
    python-crontab==3.4.0 raven==6.10.0 rq-scheduler==0.14.0 \
    sshtunnel==0.5.1
