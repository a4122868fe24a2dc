#!/bin/sh
# A forty-second corpus: the released wheels of projects no rule had been
# tuned on (payment, messaging and CRM API clients, chat bots, SOAP and
# XML helpers, a Solana client, PyAV), fetched (round 3, session 15,
# 2 Dec 2026) and run with the release build of f8f53a8, once corpus41's
# changes were made, to measure whether the held-back figure holds. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus42.sh DEST
set -eu
dest=${1:?usage: fetch-corpus42.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    av==18.1.0 braintree==4.48.0 dicttoxml==1.7.16 hikari==2.7.0 \
    hubspot-api-client==12.0.0 mailchimp3==3.0.21 nextcord==2.0.0a0 \
    paypalrestsdk==1.13.3 plivo==4.63.0 polyglot==15.10.03 \
    pysimplesoap==1.8.22 simple-salesforce==1.12.10 solana==0.41.0 \
    solders==0.29.0 squareup==46.0.0.20260916 twilio==9.13.0 \
    untangle==1.3.0 vonage==4.9.1 woocommerce==3.0.0 xmltodict==1.0.4
