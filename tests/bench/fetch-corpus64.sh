#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (clients of work-tracking and collaboration services: GitHub, GitLab,
# Jira and Confluence, Trello, Todoist, Notion, Airtable, Google
# Sheets, Asana),
# fetched (round 3, session 17, 2 Dec 2026) and run with the release build
# of main after all of the session's changes (26fe46e), to measure whether
# the held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus64.sh DEST
set -eu
dest=${1:?usage: fetch-corpus64.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    asana==5.4.0 atlassian-python-api==5.0.5 gspread==6.2.1 \
    jira==3.10.5 notion-client==3.1.0 py-trello==0.20.1 \
    pyairtable==3.5.1 pygithub==2.10.0 pygsheets==2.0.6 \
    python-gitlab==8.6.0 todoist-api-python==4.0.0
