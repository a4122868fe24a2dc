#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (terminal apps, chat bots and developer tools: csvs-to-sqlite,
# elia-chat, frogmouth, ghapi, git-history, git-machete, gitlabber,
# harlequin, jenkins-job-builder, llm, posting, shot-scraper, toolong,
# zulip-bots), fetched (round 3, session 32, 4 Dec 2026) and run with
# the release build of 8f28656, to measure them. Once judged it is
# burned like the others.
#
# Usage: tests/bench/fetch-corpus266.sh DEST
set -eu
dest=${1:?usage: fetch-corpus266.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    csvs-to-sqlite==1.3.1 elia-chat==1.10.0 frogmouth==0.9.2 \
    ghapi==2.1.4 git-history==0.8 git-machete==3.46.1 gitlabber==2.1.2 \
    harlequin==2.17.0 jenkins-job-builder==6.5.0 llm==0.36 \
    posting==2.11.1 shot-scraper==1.12 toolong==1.5.0 \
    zulip-bots==0.9.1
