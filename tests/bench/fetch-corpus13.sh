#!/bin/sh
# A thirteenth corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 8, 1 Dec 2026) after the changes made
# from corpus12's verdicts, to measure whether the held-back figure holds.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus13.sh DEST
set -eu
dest=${1:?usage: fetch-corpus13.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aiobotocore==2.15.2 boto3==1.35.70 apache-beam==2.61.0 pymysql==1.1.1 \
    luigi==3.7.1 kedro==0.19.10 hydra-core==1.3.2 omegaconf==2.3.0 \
    pytorch-lightning==2.4.0 einops==0.8.0 onnxruntime==1.16.3 \
    tensorboardX==2.6.2.2 pettingzoo==1.24.3 stable-baselines3==2.4.0 \
    imageio==2.36.1 tifffile==2024.9.20 pydicom==3.0.1 nibabel==5.3.2 \
    simplejson==3.19.3 msgpack==1.1.0 cachetools==5.5.0 diskcache==5.6.3 \
    pyyaml==6.0.2 toolz==1.0.0 more-itertools==10.5.0 sortedcontainers==2.4.0
