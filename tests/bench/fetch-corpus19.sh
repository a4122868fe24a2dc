#!/bin/sh
# A nineteenth corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 10, 1 Dec 2026) at 4e1f774, before
# any change of the session, to measure the held-back figure. Once judged
# it is burned like the others.
#
# Usage: tests/bench/fetch-corpus19.sh DEST
set -eu
dest=${1:?usage: fetch-corpus19.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    shap==0.51.0 sktime==1.2.0 prophet==1.5.0 pymatgen==2026.10.24 \
    mdanalysis==2.11.0 cirq-core==1.7.0 pennylane==0.45.1 telethon==1.45.0 \
    slack-bolt==1.30.0 flask-sqlalchemy==3.1.1 flask-login==0.6.3 \
    flask-restx==1.3.2 marshmallow-sqlalchemy==1.6.0 graphene==3.4.3 \
    ariadne==1.1.1 connexion==3.3.0 dynaconf==3.3.5 fire==0.7.1 rpyc==6.0.2 \
    aio-pika==10.2.1 nats-py==2.16.0 impacket==0.13.1 web3==8.0.0 \
    trimesh==5.2.0 pyvista==0.49.2 skorch==1.4.0 chex==0.1.92 \
    dm-haiku==0.0.17 thinc==9.1.1 textblob==0.20.1 llama-index-core==0.14.25 \
    anthropic==2.15.0 instructor==1.17.0 dspy==3.4.1 haystack-ai==3.4.1
