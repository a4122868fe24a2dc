#!/bin/sh
# A three hundred and eleventh corpus: projects no rule had been tuned on
# (round 3, session 35, 5 Dec 2026): a Git GUI (git-cola) and gitless,
# F-Droid's server tools, video downloaders' GUIs (Tartube, yt-dlg), a
# website copier (pywebcopy), a broker's client (pytr), an Active
# Directory collector (bloodhound), feedgen and meld3; wheels where they
# publish one, sdists otherwise. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus311.sh DEST
set -eu
dest=${1:?usage: fetch-corpus311.sh DEST}
here=$(dirname "$0")
"$here/fetch-wheels.sh" "$dest" \
    bloodhound==1.9.0 git-cola==4.19.0 meld3==2.0.1 pytr==0.4.10 \
    pywebcopy==7.1 tartube==2.5.250 yt-dlg==1.8.5
"$here/fetch-sdists.sh" "$dest" \
    fdroidserver==2.4.5 feedgen==1.0.0 gitless==0.8.8
