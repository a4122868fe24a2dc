#!/usr/bin/env bash
# `memwise server` driven by a client memwise did not write: pytest-lsp
# (pygls's client) from PyPI, in a virtualenv kept under target/, runs
# test_server.py against the debug binary over stdio. It fails, loudly,
# when the client cannot be installed: the server is then untested.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$repo/target/lsp-client-venv"
requirements=(pytest-lsp==1.0.1 pygls==2.1.1 lsprotocol==2025.0.0)

cd "$repo"
cargo build --locked --quiet --bin memwise
if ! "$venv/bin/python" -c 'import pytest_lsp' >/dev/null 2>&1; then
  rm -rf "$venv"
  if ! python3 -m venv "$venv" >"$repo/target/lsp-client-pip.log" 2>&1 \
    || ! "$venv/bin/pip" install --quiet "${requirements[@]}" >>"$repo/target/lsp-client-pip.log" 2>&1; then
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
    echo "!!! FAILED: the language server test could not install its client" >&2
    echo "!!! (${requirements[*]}) from PyPI." >&2
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
    cat "$repo/target/lsp-client-pip.log" >&2 || true
    exit 1
  fi
fi
MEMWISE_BIN="$repo/target/debug/memwise" "$venv/bin/python" -m pytest tests/server \
  -q -p no:cacheprovider -o asyncio_mode=auto -o asyncio_default_fixture_loop_scope=function
