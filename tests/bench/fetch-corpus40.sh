#!/bin/sh
# A fortieth corpus: the released wheels of projects no rule had been
# tuned on (documents and e-books, templates, desktop GUIs and graphics,
# infrastructure automation, one-time passwords and JOSE), fetched (round
# 3, session 15, 2 Dec 2026) and run with the release build of 64b9083,
# once corpus39's changes were made, to measure whether the held-back
# figure holds. Once judged it is burned like the others.
#
# Usage: tests/bench/fetch-corpus40.sh DEST
set -eu
dest=${1:?usage: fetch-corpus40.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    borb==3.0.9 chevron==0.14.0 configargparse==1.9.0 \
    customtkinter==6.0.0 dearpygui==2.3.1 docx2txt==0.9 doit==0.37.0 \
    ebooklib==0.20 junos-eznc==2.8.2 jwcrypto==1.6.1 mammoth==1.13.0 \
    mechanicalsoup==1.4.0 mitogen==0.3.54 moderngl==5.13.0 \
    pdf2image==1.17.0 pdfkit==1.0.0 pyamg==5.4.1 pyinfra==3.10.0 \
    pymunk==7.3.1 pyopengl==3.1.10 pyotp==2.12.1 pyppeteer==2.0.0 \
    pystache==0.6.8 python-liquid==2.3.6 ttkbootstrap==2.2.6 ttp==0.10.1 \
    xlwt==1.3.0
