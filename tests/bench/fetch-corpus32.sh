#!/bin/sh
# A thirty-second corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 13, 2 Dec 2026) and run only after
# the changes made from corpus31's verdicts had landed (b8864b8), to
# measure whether the held-back figure holds. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus32.sh DEST
set -eu
dest=${1:?usage: fetch-corpus32.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    apispec==6.10.1 autogluon-core==1.6.3 bidict==0.24.1 cbor2==6.3.0 \
    charset-normalizer==3.5.3 cloudpickle==3.1.3 dacite==1.9.2 \
    databricks-sdk==0.162.0 dill==0.4.1 fastavro==1.13.1 \
    faust-streaming==0.15.3 flasgger==0.9.5 funcy==2.1 glom==25.12.0 \
    hug==2.6.1 jmespath==1.1.0 joblib==1.6.0 jsonpath-ng==1.16.0 \
    minio==7.2.20 nameko==2.14.1 netcdf4==1.7.5.1.post1 parse==1.22.4 \
    prettytable==3.18.0 pydash==8.1.0 pyod==3.6.7 python-dateutil==4.0.0 \
    pytorch-forecasting==1.8.0 returns==0.30.0 \
    snowflake-connector-python==5.2.0 stumpy==1.14.1 tables==3.11.1 \
    tabulate==0.10.0 texttable==1.7.2 thrift==0.25.0 wsproto==1.3.2 \
    xlwings==0.37.8 ydata-profiling==4.18.4 zope-interface==8.7
