#!/bin/sh
# A corpus no rule had been tuned on: the released wheels of projects
# (archives and compression: 7z, RAR, zstd, Brotli, LZ4, streamed zips;
# cryptography: RSA, ECDSA, PyCryptodome; short and sortable IDs;
# calendars: iCalendar, vCard, recurring events; notebook tooling),
# fetched (round 3, session 17, 2 Dec 2026) and run with the release build
# of main after all of the session's changes (3e0f76d), to measure whether
# the held-back figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus61.sh DEST
set -eu
dest=${1:?usage: fetch-corpus61.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    brotli==1.2.1 ecdsa==0.19.2 hashids==1.3.1 icalendar==7.3.2 \
    jupyterlab-server==2.28.1 libarchive-c==5.3 lz4==4.4.5 \
    nanoid==2.0.0 nbqa==1.9.1 patool==4.0.7 py7zr==1.1.4 \
    pycryptodome==4.4.0 python-ulid==4.1.0 pyunpack==0.3 rarfile==4.5 \
    recurring-ical-events==3.8.2 rsa==4.9.1 shortuuid==1.0.13 \
    stream-zip==0.0.84 truststore==0.10.5 vobject==0.9.9 \
    zipstream-ng==1.9.3 zstandard==0.25.0
