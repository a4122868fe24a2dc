#!/bin/sh
# A three hundred and tenth corpus: projects no rule had been tuned on
# (round 3, session 35, 5 Dec 2026): desktop applications (the GNS3
# network simulator's GUI, the pyspread spreadsheet, the vimiv image
# viewer), a time tracker's library (hamster-lib), media file renamers
# (mnamer, tvnamer), web applications (the Roundup issue tracker,
# Kallithea, ihatemoney, wger, the Tryton client) and security tools
# (sqlmap, wapiti, wfuzz, dirsearch, sslyze); wheels where they publish
# one, sdists otherwise.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus310.sh DEST
set -eu
dest=${1:?usage: fetch-corpus310.sh DEST}
here=$(dirname "$0")
"$here/fetch-wheels.sh" "$dest" \
    dirsearch==0.5.0 gns3-gui==3.0.6 hamster-lib==0.13.2 ihatemoney==7.2.1 \
    mnamer==2.5.5 pyspread==2.5 sqlmap==1.10.10 tryton==8.2.0 \
    wapiti3==3.2.3 wfuzz==3.1.0 wger==2.1
"$here/fetch-sdists.sh" "$dest" \
    kallithea==0.7.0 roundup==2.6.0 sslyze==6.3.1 tvnamer==3.0.4 \
    vimiv==0.9.0
