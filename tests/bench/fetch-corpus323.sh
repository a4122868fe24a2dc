#!/bin/sh
# A three hundred and twenty-third corpus: projects no rule had been tuned
# on (round 3, session 36, 5 Dec 2026): Pulp's content repository
# server (pulpcore, with its RPM, container, Python and Ansible plugins)
# and Galaxy NG, the Ansible collection server built on it: long-running
# Django services and task workers that sync large repositories.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus323.sh DEST
set -eu
dest=${1:?usage: fetch-corpus323.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    galaxy-ng==4.9.2 pulp-ansible==0.30.3 pulp-container==2.30.0 \
    pulp-python==3.36.4 pulp-rpm==3.39.4 pulpcore==3.123.1
