#!/bin/sh
# A thirty-sixth corpus: the released wheels of projects no rule had been
# tuned on (caches, rate limiters, retry helpers, message clients, chat
# bots), fetched (round 3, session 14, 2 Dec 2026) and run with the
# release build of 63ab015, once corpus35's changes were made, to measure
# whether the held-back figure holds. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus36.sh DEST
set -eu
dest=${1:?usage: fetch-corpus36.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aiocache==0.12.3 aiolimiter==1.3.0 atproto==0.0.73 backoff==2.2.1 \
    beaker==1.14.1 cachelib==0.17.0 chatterbot==1.2.15 circuitbreaker==2.1.3 \
    confluent-kafka==2.16.1 coredis==6.9.0 dogpile-cache==1.5.0 \
    errbot==6.2.1 flask-caching==2.5.1 gmqtt==0.8.0 irc==20.5.0 \
    limits==5.8.0 mastodon-py==2.3.3 matrix-nio==0.26.0 pottery==3.0.1 \
    procrastinate==3.10.0 pulsar-client==3.13.0 pybreaker==1.4.1 \
    pymemcache==4.0.0 python-memcached==1.62 redis-om==1.2.0 \
    slowapi==0.1.10 stamina==26.1.0 valkey==6.2.0 walrus==0.9.8
