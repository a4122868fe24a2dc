#!/bin/sh
# A three hundred and seventh corpus: projects no rule had been tuned on
# (round 3, session 35, 5 Dec 2026), fetched after MEM205 became opt-in, to
# measure whether the held-back figure holds. The released wheels of newer
# libraries, and the sdists of older applications that publish none
# (fetch-sdists.sh). Once judged it is burned like the others. (A first
# run also held ipython==9.18.1, corpus2's held-back IPython: taken out.)
#
# Usage: tests/bench/fetch-corpus307.sh DEST
set -eu
dest=${1:?usage: fetch-corpus307.sh DEST}
here=$(dirname "$0")
"$here/fetch-wheels.sh" "$dest" \
    acme==5.9.0 certbot==5.8.0 certbot-apache==5.8.0 certbot-nginx==5.8.0 \
    ftd2xx==1.3.8 inputs==0.5 josepy==2.2.0 libusb1==3.4.0
"$here/fetch-sdists.sh" "$dest" \
    esptool==5.6.0 getmail6==6.20.2 paver==1.3.4 pyftpdlib==2.2.0 \
    python-ldap==3.4.8 ranger-fm==1.9.4 rdiff-backup==2.2.7 twill==3.3.1
