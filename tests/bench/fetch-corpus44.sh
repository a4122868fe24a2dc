#!/bin/sh
# A forty-fourth corpus: the released wheels of projects no rule had been
# tuned on (web page text extraction, feeds and podcasts, video and
# gallery downloaders, Windows remoting and SMB clients, binary and
# document forensics, exploit tooling, a chat client), fetched (round 3,
# session 16, 2 Dec 2026) and run with the release build of main once
# corpus43's changes were made, to measure whether the held-back figure
# holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus44.sh DEST
set -eu
dest=${1:?usage: fetch-corpus44.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    dnslib==0.9.26 extruct==0.18.0 gallery-dl==1.32.18 goose3==3.1.22 \
    html2text==2025.4.15 inscriptis==2.7.6 instaloader==4.16 \
    justext==3.0.2 markdownify==1.2.3 newspaper3k==0.2.8 \
    oletools==0.60.2 pefile==2024.8.26 podcastparser==0.6.11 \
    price-parser==0.5.1 pwntools==4.15.0 pypsrp==0.9.1 pysmb==1.2.15 \
    pytube==15.0.0 pywinrm==0.5.0 readability-lxml==0.9 \
    ropgadget==7.7 selenium-wire==5.1.0 smbprotocol==1.17.0 \
    testinfra==6.0.0 trafilatura==2.3.1 volatility3==2.28.2 \
    yt-dlp==2026.10.26 zulip==0.9.1
