#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (chat and mail: Matrix, XMPP, IRC, Mattermost, Reddit, Twitter and VK
# clients, an email builder and a mail server framework),
# fetched (round 3, session 19, 3 Dec 2026) and run with the release build
# of main after the session's first changes (79fddab), to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus75.sh DEST
set -eu
dest=${1:?usage: fetch-corpus75.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    asyncpraw==8.0.3 emails==1.1.3 mattermostdriver==7.3.2 mautrix==0.21.1 \
    pydle==1.2.0 salmon-mail==3.3.0 slixmpp==1.17.0 twython==3.9.1 \
    vk-api==11.10.1
