#!/bin/sh
# A three hundred and thirteenth corpus: projects no rule had been tuned on
# (round 3, session 35, 5 Dec 2026): process and GPU monitors (gpustat,
# asitop, circus-web), profiler front ends (austin-tui, pystack), inotify
# bindings (pyinotify), and terminal plotting (plotext, uniplot,
# termplotlib, bashplotlib, drawille); wheels where they publish one,
# sdists otherwise. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus313.sh DEST
set -eu
dest=${1:?usage: fetch-corpus313.sh DEST}
here=$(dirname "$0")
"$here/fetch-wheels.sh" "$dest" \
    asitop==0.0.24 austin-tui==2.1.0 drawille==0.2.0 plotext==6.1.0 \
    pystack==1.7.2 termplotlib==0.3.9 uniplot==0.23.2
"$here/fetch-sdists.sh" "$dest" \
    bashplotlib==0.6.5 circus-web==1.0.0 gpustat==1.1.1 pyinotify==0.9.6
