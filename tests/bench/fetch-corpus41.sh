#!/bin/sh
# A forty-first corpus: the released wheels of projects no rule had been
# tuned on (games and 3D engines, desktop and web GUIs, command-line
# helpers, debuggers and tracers, a shell, packagers), fetched (round 3,
# session 15, 2 Dec 2026) and run with the release build of b868097, once
# corpus40's changes were made, to measure whether the held-back figure
# holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus41.sh DEST
set -eu
dest=${1:?usage: fetch-corpus41.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    pyautogui-ng==0.9.54 austin-python==2.4.0 birdseye==0.10.0 \
    briefcase==0.4.7 click-didyoumean==0.3.1 cloup==4.0.0 flexx==0.8.4 \
    ipdb==0.13.13 kivymd==2.0.0 panda3d==1.10.16 pgzero==1.2.1 \
    pick==2.6.0 pudb==2026.1 pyoxidizer==0.24.0 pythonnet==3.2.1 \
    pywebview==6.2.1 pyxel==2.9.9 remi==2022.7.27 shellingham==1.5.4 \
    snoop==0.6.1 textual-dev==1.8.0 toga-core==0.5.7 trogon==0.6.0 \
    xonsh==0.25.0
