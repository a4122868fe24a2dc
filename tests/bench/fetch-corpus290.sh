#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Plone's core, layout, discussion, versioning, upgrades, portlets,
# events and transforms: plone-app-discussion, plone-app-event,
# plone-app-layout, plone-app-portlets, plone-app-upgrade,
# products-cmfeditions, products-cmfplone, products-portaltransforms),
# fetched (round 3, session 33, 5 Dec 2026) and run with the release
# build of e28a2be, to measure them. Once judged it is burned like the
# others.
#
# Usage: tests/bench/fetch-corpus290.sh DEST
set -eu
dest=${1:?usage: fetch-corpus290.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    plone-app-discussion==6.0.1 plone-app-event==6.0.1 \
    plone-app-layout==6.0.2 plone-app-portlets==7.0.2 \
    plone-app-upgrade==4.1.1 products-cmfeditions==5.0.0 \
    products-cmfplone==6.2.2 products-portaltransforms==5.0.0
