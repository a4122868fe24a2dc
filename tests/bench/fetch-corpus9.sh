#!/bin/sh
# A ninth corpus: the released wheels of projects no rule had been tuned on,
# fetched (round 3, session 8, 1 Dec 2026) and run before any change of that
# session, so its judged figure is a held-back one. Once judged it is burned
# like the others.
#
# Usage: tests/bench/fetch-corpus9.sh DEST
set -eu
dest=${1:?usage: fetch-corpus9.sh DEST}
exec "$(dirname "$0")/fetch-wheels.sh" "$dest" \
    pillow==11.0.0 attrs==24.2.0 click==8.1.7 babel==2.16.0 docker==7.1.0 \
    falcon==4.0.2 bottle==0.13.2 uvicorn==0.32.1 gevent==24.11.1 \
    pyglet==2.0.18 seaborn==0.13.2 altair==5.5.0 xlsxwriter==3.2.0 \
    pdfminer.six==20240706 html5lib==1.1 ipykernel==6.29.5 simpy==4.1.1 \
    invoke==2.2.0 gradio==5.7.1 gensim==4.3.3 peft==0.13.2 trl==0.12.1 \
    optax==0.2.4 xgboost==2.1.3 xarray==2024.11.0 dask==2024.12.0 \
    sqlglot==25.32.1 scrapy==2.12.0 kivy==2.3.0
