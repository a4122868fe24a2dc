#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (robot kinematics and 3D transforms, URDF and scene rendering,
# mathematical animation, mail servers, IMAP and SMTP clients, mail
# parsing, PDF signing, HTML parsing, schema validation),
# fetched (round 3, session 17, 2 Dec 2026) and run with the release build
# of main after all of the session's changes (3e0f76d), to measure whether
# the held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus60.sh DEST
set -eu
dest=${1:?usage: fetch-corpus60.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    aiosmtpd==1.4.6 aiosmtplib==5.1.3 endesive==3.0.1 ikpy==4.2.1 \
    imapclient==4.1.0 itemadapter==0.13.1 mail-parser==4.8.0 \
    manim==0.22.0 pyhanko==0.38.0 pyrender==0.1.45 \
    pytransform3d==3.17.0 roboticstoolbox-python==1.5.0 schema==0.7.8 \
    selectolax==1.0.2 spatialmath-python==1.1.18 transforms3d==0.4.2 \
    urdfpy==0.0.22 vedo==2026.6.3 yagmail==0.16.0
