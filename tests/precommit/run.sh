#!/usr/bin/env bash
# The pre-commit hook, for real: pre-commit from PyPI in a throwaway
# virtualenv runs this repository's hook (`pre-commit try-repo`, which builds
# memwise with cargo as users' machines will) on a temporary git repository
# with a staged leaking file: the hook must fail on it, and pass once fixed.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! python3 -m venv "$work/venv" >/dev/null 2>&1 \
  || ! "$work/venv/bin/pip" install --quiet "pre-commit==4.3.0" >"$work/pip.log" 2>&1; then
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  echo "!!! SKIPPED: the pre-commit hook test: pre-commit could not be installed" >&2
  echo "!!! from PyPI. The hook is UNTESTED in this run." >&2
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  cat "$work/pip.log" >&2 || true
  exit 0
fi
export PRE_COMMIT_HOME="$work/cache"

mkdir "$work/project"
cd "$work/project"
git init -q .
git config user.email ci@example.com
git config user.name ci
cat > service.py <<'PY'
import functools


class Service:
    @functools.lru_cache(maxsize=None)
    def lookup(self, key):
        return key
PY
git add service.py

if "$work/venv/bin/pre-commit" try-repo "$repo" memwise >"$work/first.log" 2>&1; then
  echo "FAIL: the memwise hook passed on a leaking file" >&2
  cat "$work/first.log" >&2
  exit 1
fi
if ! grep -q "MEM201" "$work/first.log"; then
  echo "FAIL: the memwise hook failed without reporting MEM201" >&2
  cat "$work/first.log" >&2
  exit 1
fi

cat > service.py <<'PY'
import functools


class Service:
    def __init__(self):
        self.lookup = functools.lru_cache(maxsize=256)(self._lookup)

    def _lookup(self, key):
        return key
PY
git add service.py
if ! "$work/venv/bin/pre-commit" try-repo "$repo" memwise >"$work/second.log" 2>&1; then
  echo "FAIL: the memwise hook failed on a fixed file" >&2
  cat "$work/second.log" >&2
  exit 1
fi
echo "pre-commit hook: 2 passed, 0 failed"
