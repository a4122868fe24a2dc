#!/bin/sh
# A fifty-first corpus: the released wheels of projects no rule had been
# tuned on (Markdown parsers and extensions, CSS parsers and inliners,
# HTML cleaning, English inflection and numbers in words, language,
# country, phone, e-mail, IBAN and money codes, validators), fetched
# (round 3, session 16, 2 Dec 2026) and run with the release build of
# main after the session's review (ca7b7fe's findings equal be61f60's on
# corpora 1 to 50), to measure whether the held-back figure holds. Once
# judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus51.sh DEST
set -eu
dest=${1:?usage: fetch-corpus51.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    cssutils==2.15.0 email-validator==2.4.0 inflect==7.6.0 \
    inflection==0.5.1 langcodes==3.5.1 lxml-html-clean==0.4.6 \
    markdown2==2.5.5 marko==2.2.4 num2words==0.5.14 \
    phonenumbers==9.0.43 premailer==3.10.0 py-moneyed==3.0 \
    pycountry==26.2.16 pymdown-extensions==12.3 pynliner==0.8.0 \
    python-stdnum==2.2 schwifty==2026.10.1 soupsieve==2.10 \
    text-unidecode==1.3 tinycss2==1.5.1 validators==0.36.0
