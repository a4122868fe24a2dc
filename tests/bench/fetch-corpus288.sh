#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (command-line mail, contacts, bibliography and Twitter clients, an
# IPFS client and Kaggle's API client: getmail, imapautofiler,
# ipfshttpclient, kaggle, khard, pubs, rainbowstream), fetched (round 3,
# session 33, 5 Dec 2026) and run with the release build of cb67afe, to
# measure them. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus288.sh DEST
set -eu
dest=${1:?usage: fetch-corpus288.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    getmail==6.20.2 imapautofiler==1.14.0 ipfshttpclient==0.7.0 \
    kaggle==2.2.5 khard==0.22.0 pubs==0.8.3 rainbowstream==1.6.0
