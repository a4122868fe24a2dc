#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (the Zope and Plone application server's packages: security,
# templates, catalog, content types, setup profiles, forms, publishing
# and a REST API: accesscontrol, documenttemplate, plone-restapi,
# products-cmfcore, products-genericsetup,
# products-pluggableauthservice, products-zcatalog, z3c-form,
# zope-publisher), fetched (round 3, session 33, 5 Dec 2026) and run
# with the release build of cb67afe, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus289.sh DEST
set -eu
dest=${1:?usage: fetch-corpus289.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    accesscontrol==7.5 documenttemplate==5.4 plone-restapi==10.0.4 \
    products-cmfcore==3.9 products-genericsetup==5.2 \
    products-pluggableauthservice==4.2.2 products-zcatalog==7.4 \
    z3c-form==6.1 zope-publisher==8.1
