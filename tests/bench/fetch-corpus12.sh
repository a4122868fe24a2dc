#!/bin/sh
# A twelfth corpus: the released wheels of projects no rule had been tuned
# on, fetched (round 3, session 8, 1 Dec 2026) after the changes made from
# corpus11's verdicts, to measure whether the held-back figure holds. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus12.sh DEST
set -eu
dest=${1:?usage: fetch-corpus12.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    fsspec==2024.10.0 s3fs==2024.10.0 pyzmq==26.2.0 jupyter_client==8.6.3 \
    ipywidgets==8.1.5 prompt_toolkit==3.0.48 lark==1.2.2 parso==0.8.4 \
    pyflakes==3.2.0 pycodestyle==2.12.1 isort==5.13.2 yapf==0.40.2 \
    bandit==1.8.0 psutil==6.1.0 pexpect==4.9.0 plumbum==1.9.0 typer==0.15.0 \
    cmd2==2.5.7 urwid==2.6.16 pyqtgraph==0.13.7 eventlet==0.38.0 rq==2.0.0 \
    dramatiq==1.17.1 apscheduler==3.11.0 oauthlib==3.2.2 authlib==1.3.2 \
    ldap3==2.9.1 netmiko==4.4.0 protobuf==5.29.0 napari==0.5.4 spyder==6.0.2 \
    great_expectations==1.2.4
