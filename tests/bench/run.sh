#!/usr/bin/env bash
# One command for the benchmark: fetches the pinned corpus if missing, installs
# a pinned ruff into a throwaway virtualenv, builds memwise and the parse-only
# baseline in release mode, measures, and rewrites the results section of
# docs/performance.md and docs/performance.svg.
#   usage: tests/bench/run.sh [--runs N] [--quick]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="${MEMWISE_CORPUS:-${TMPDIR:-/tmp}/memwise-corpus}"
fetch="$repo/../shared/bench/fetch-corpus.sh"
if ! ls "$corpus"/*/.complete >/dev/null 2>&1; then
  [[ -f "$fetch" ]] || { echo "error: $fetch not found (shared/ beside the repository)" >&2; exit 2; }
  bash "$fetch" "$corpus"
fi
venv="${TMPDIR:-/tmp}/memwise-bench-venv"
if [[ ! -x "$venv/bin/ruff" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "ruff==0.17.6"
fi
(cd "$repo" && cargo build --release --quiet && cargo build --release --quiet -p memwise_linter --example parse_only)
exec python3 "$repo/tests/bench/bench.py" --repo "$repo" --corpus "$corpus" --ruff "$venv/bin/ruff" "$@"
