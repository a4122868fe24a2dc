#!/bin/bash
# Re-runs memwise on the corpora and says which judged sites changed.
# Usage: changed.sh MEMWISE_BINARY CORPUS_DIR CORPUS2_DIR [CODE...]
# Sites are `corpus/<project>/...:<line>` (benchmark corpus) or
# `corpus2/<project>/...:<line>` (second corpus, tuning half only), and,
# when CORPUS3_DIR is set, `corpus3/<project>/...:<line>` (each project
# checked on its own, as corpus3 was judged).
set -eu
bin=$1; c1=$2; c2=$3; shift 3
here=$(cd "$(dirname "$0")" && pwd)
codes=${*:-$(ls "$here"/*.tsv | xargs -n1 basename | sed 's/\.tsv$//')}
tuning="dask-2026.8.0 httpx-0.28.1 jinja2-3.1.6 pydantic-2.14.4 requests-2.34.2 starlette-1.10.0 transformers-5.24.0 xarray-2026.9.0"
for code in $codes; do
  now=$( { (cd "$c1" && "$bin" check --select "$code" --output-format concise . 2>/dev/null | sed 's|^\./||; s|^|corpus/|') ;
           (cd "$c2" && "$bin" check --select "$code" --output-format concise $tuning 2>/dev/null | sed 's|^|corpus2/|') ;
           if [ -n "${CORPUS3_DIR:-}" ]; then for p in "$CORPUS3_DIR"/*/; do
             (cd "$p" && "$bin" check --select "$code" --output-format concise . 2>/dev/null | sed "s|^\./||; s|^|corpus3/$(basename "$p")/|"); done; fi ; } \
         | grep " $code " | awk '{split($1, p, ":"); print p[1] ":" p[2]}' | sort -u)
  judged=$(tail -n +2 "$here/$code.tsv" | cut -f2 | sort -u)
  gone=$(comm -23 <(echo "$judged") <(echo "$now") | sed '/^$/d')
  total=$(echo "$now" | sed '/^$/d' | wc -l)
  new=$(comm -13 <(echo "$judged") <(echo "$now") | sed '/^$/d' | wc -l)
  echo "$code: $total findings now, $new not judged"
  if [ -n "$gone" ]; then echo "$gone" | sed "s/^/  no longer reported: /"; fi
done
