#!/bin/sh
# A twenty-second corpus: the released wheels of projects no rule had been
# tuned on, fetched (round 3, session 10, 2 Dec 2026) and run only after
# the changes made from corpus21's verdicts had landed (a539e8c), to
# measure whether the held-back figure holds. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus22.sh DEST
set -eu
dest=${1:?usage: fetch-corpus22.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    numpyro==0.22.0 blackjax==1.7.1 gpflow==2.11.2 botorch==0.18.1 \
    ax-platform==1.3.1 jaxopt==0.8.5 diffrax==0.7.2 equinox==0.13.8 \
    orbax-checkpoint==0.12.8 ml-collections==1.1.0 sacred==0.8.7 \
    kedro-datasets==9.6.0 taskiq==0.13.0 aiocron==2.1 croniter==7.0.0 \
    dateparser==1.5.0 parsedatetime==2.6 humanize==4.17.0 pytz==2026.6 \
    tzlocal==5.4.5 emoji==2.16.0 python-slugify==9.2.0 unidecode==1.4.0 \
    ftfy==6.3.1 chardet==7.7.0
