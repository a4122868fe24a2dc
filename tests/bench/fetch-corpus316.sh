#!/bin/sh
# A three hundred and sixteenth corpus: projects no rule had been tuned
# on (round 3, session 36, 5 Dec 2026): OpenStack services that run for
# months (nova's compute, glance's images, keystone's identity, octavia's
# load balancers), the Ajenti server panel, and desktop clients
# (jellyfin-mpv-shim, Sublime Music) and social-analyzer.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus316.sh DEST
set -eu
dest=${1:?usage: fetch-corpus316.sh DEST}
here=$(dirname "$0")
"$here/fetch-wheels.sh" "$dest" \
    glance==33.0.0 jellyfin-mpv-shim==3.3.0 keystone==30.0.0 nova==34.0.0 \
    octavia==19.0.0 social-analyzer==0.45 sublime-music==0.12.0
"$here/fetch-sdists.sh" "$dest" ajenti-panel==2.2.18
