#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (serverless: AWS Lambda tooling and adapters, Chalice, Zappa, X-Ray
# tracing, the AWS Encryption SDK; an ffmpeg binary helper),
# fetched (round 3, session 17, 2 Dec 2026) and run with the release build
# of main after all of the session's changes (26fe46e), to measure whether
# the held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus65.sh DEST
set -eu
dest=${1:?usage: fetch-corpus65.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aws-encryption-sdk==4.0.7 aws-lambda-powertools==3.37.0 \
    aws-xray-sdk==2.15.0 chalice==1.34.0 imageio-ffmpeg==0.8.1 \
    mangum==0.22.0 serverless-wsgi==3.1.0 zappa==0.63.0
