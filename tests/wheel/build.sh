#!/usr/bin/env bash
# Builds the memwise wheel into DIR (the first argument) the way
# `pip install .` from a checkout builds it: pip runs maturin's PEP 517
# backend, which builds Cargo's release profile (fat LTO, one codegen unit).
# maturin comes from PyPI into a throwaway virtualenv. Fails loudly.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:?usage: build.sh WHEEL_DIR}"
mkdir -p "$out"
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT

if ! python3 -m venv "$tools/venv" >"$tools/venv.log" 2>&1; then
  echo "FAIL: python3 -m venv does not work here; the wheel cannot be built" >&2
  cat "$tools/venv.log" >&2
  exit 1
fi
if ! "$tools/venv/bin/pip" install --quiet "maturin>=1.5,<2" >"$tools/pip.log" 2>&1; then
  echo "FAIL: maturin could not be installed from PyPI; the wheel cannot be built" >&2
  cat "$tools/pip.log" >&2
  exit 1
fi
# Without build isolation pip uses the maturin just installed instead of
# fetching its own; the build runs in the checkout, so target/ is reused.
start=$SECONDS
PATH="$tools/venv/bin:$PATH" "$tools/venv/bin/pip" wheel --quiet --no-deps \
  --no-build-isolation --wheel-dir "$out" "$repo"
echo "built $(cd "$out" && ls memwise-*.whl) in $((SECONDS - start)) s" >&2
