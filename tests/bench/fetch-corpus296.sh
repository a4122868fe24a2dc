#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (clients of web services: AWS (boto 2), Google OAuth, Pushbullet,
# Slack, Todoist and Zendesk: boto, oauth2client, pushbullet.py,
# slackclient, todoist-python, zenpy), fetched (round 3, session 33, 5
# Dec 2026) and run with the release build of e28a2be, to measure them.
# Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus296.sh DEST
set -eu
dest=${1:?usage: fetch-corpus296.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    boto==2.49.0 oauth2client==4.1.3 pushbullet.py==0.12.0 \
    slackclient==2.9.4 todoist-python==8.1.4 zenpy==2.0.57
