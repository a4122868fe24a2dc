#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (Plone's working copies, theming, registry, users, forms, queries,
# portlets, caching, mail host and sessions: plone-app-caching,
# plone-app-iterate, plone-app-querystring, plone-app-registry,
# plone-app-theming, plone-app-users, plone-app-z3cform, plone-portlets,
# products-mailhost, products-sessions), fetched (round 3, session 33, 5
# Dec 2026) and run with the release build of e28a2be, to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus291.sh DEST
set -eu
dest=${1:?usage: fetch-corpus291.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    plone-app-caching==5.0.0 plone-app-iterate==7.0.0 \
    plone-app-querystring==3.0.0 plone-app-registry==3.0.1 \
    plone-app-theming==7.0.1 plone-app-users==4.0.0 \
    plone-app-z3cform==5.0.2 plone-portlets==4.0.0 \
    products-mailhost==6.1 products-sessions==6.2
