#!/bin/sh
# A three hundred and ninth corpus: projects no rule had been tuned on
# (round 3, session 35, 5 Dec 2026): an IRC bot (Limnoria), a 2D game
# framework (cocos2d), OpenDocument and PDF libraries (odfpy, ezodf,
# pdfminer), web.py, Grok and monitoring tools (Alignak, pynag,
# salt-lint), wheels where they publish one, sdists otherwise. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus309.sh DEST
set -eu
dest=${1:?usage: fetch-corpus309.sh DEST}
here=$(dirname "$0")
"$here/fetch-wheels.sh" "$dest" \
    alignak==2.1.5 grok==6.2 salt-lint==0.9.2 web.py==0.76
"$here/fetch-sdists.sh" "$dest" \
    cocos2d==0.6.10 ezodf==0.3.2 limnoria==2026.10.4 odfpy==1.4.1 \
    pdfminer==20191125 pynag==1.1.2
