#!/bin/sh
# A three hundred and twelfth corpus: projects no rule had been tuned on
# (round 3, session 35, 5 Dec 2026): Active Directory and Windows
# credential tools (pypykatz, lsassy, certipy, bloodyAD, Coercer,
# adidnsdump), secret scanners (detect-secrets, whispers, trufflehog),
# an XMPP library (nbxmpp), a GUI test tool (dogtail) and ipcalc, wheels
# where they publish one, sdists otherwise. Once judged it is burned like
# the others.
#
# Usage: tests/bench/fetch-corpus312.sh DEST
set -eu
dest=${1:?usage: fetch-corpus312.sh DEST}
here=$(dirname "$0")
"$here/fetch-wheels.sh" "$dest" \
    adidnsdump==1.5.0 bloodyad==2.5.7 certipy-ad==4.8.2 coercer==2.4.3 \
    detect-secrets==1.5.0 dogtail==2.1.2 lsassy==3.1.16 nbxmpp==7.4.0 \
    pypykatz==0.6.13 trufflehog==2.2.1 whispers==2.4.0
"$here/fetch-sdists.sh" "$dest" \
    ipcalc==1.99.0
