#!/usr/bin/env bash
# The pre-commit hooks, for real, with pre-commit from PyPI in a throwaway
# virtualenv, on temporary git repositories:
#   1. the `language: python` mirror (pre-commit-mirror/), installed with
#      pip pointed at the locally built wheel and no index, and no cargo on
#      PATH: it must fail on a staged leaking file and pass once it is fixed;
#   2. the README's two `.pre-commit-config.yaml` snippets as written, with
#      the repository URLs swapped for local copies tagged with the `rev`
#      they name: the mirror's, and this repository's `language: rust` hook
#      (which builds memwise with cargo, as users' machines do);
#   3. `pre-commit run --all-files` on a project of 30 modules with one
#      whole-project finding: reported once, with one summary line.
# The wheel comes from MEMWISE_WHEEL_DIR, or is built (tests/wheel/build.sh).
# Whatever cannot run fails the test, loudly: nothing is skipped.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
passed=0

if ! python3 -m venv "$work/venv" >"$work/venv.log" 2>&1 \
  || ! "$work/venv/bin/pip" install --quiet "pre-commit==4.3.0" >"$work/pip.log" 2>&1; then
  cat "$work/venv.log" "$work/pip.log" >&2 || true
  fail "pre-commit could not be installed from PyPI: the hooks cannot be tested"
fi
export PRE_COMMIT_HOME="$work/cache"
pre_commit="$work/venv/bin/pre-commit"

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml" | head -1)"
wheels="${MEMWISE_WHEEL_DIR:-$work/wheels}"
if ! ls "$wheels"/memwise-"$version"-*.whl >/dev/null 2>&1; then
  bash "$repo/tests/wheel/build.sh" "$wheels"
fi
# The mirror's package is built with setuptools, which pip fetches for the
# build: put it beside the wheel, so the hook installs with no index at all.
"$work/venv/bin/pip" download --quiet --dest "$wheels" "setuptools>=61" >"$work/dl.log" 2>&1 \
  || { cat "$work/dl.log" >&2; fail "setuptools could not be downloaded from PyPI"; }

grep -q "\"memwise==$version\"" "$repo/pre-commit-mirror/pyproject.toml" \
  || fail "pre-commit-mirror/pyproject.toml does not pin memwise==$version (docs/release.md)"

# A git repository holding `files` (a folder's content), tagged v$version.
make_repo() {
  local from="$1" to="$2"
  mkdir -p "$to"
  cp -R "$from"/. "$to"/
  git -C "$to" init -q .
  git -C "$to" add -A
  git -C "$to" -c user.email=ci@example.com -c user.name=ci commit -q -m "v$version"
  git -C "$to" tag "v$version"
}
make_repo "$repo/pre-commit-mirror" "$work/mirror"
# This repository's tracked files as they are in the working tree.
mkdir -p "$work/memwise-src"
(cd "$repo" && git ls-files -z | xargs -0 cp --parents -t "$work/memwise-src")
make_repo "$work/memwise-src" "$work/memwise"

# PATH without cargo or rustc: only the system's basic folders.
nocargo="/usr/local/bin:/usr/bin:/bin"
for dir in ${nocargo//:/ }; do
  [[ -x "$dir/cargo" || -x "$dir/rustc" ]] && nocargo="${nocargo//$dir:/}"
done
if PATH="$nocargo" command -v cargo >/dev/null 2>&1; then
  fail "could not make a PATH without cargo"
fi
command -v git >/dev/null || fail "git is needed"
gitdir="$(dirname "$(command -v git)")"
offline=(env "PATH=$nocargo:$gitdir" PIP_NO_INDEX=1 "PIP_FIND_LINKS=$wheels" CARGO_HOME=/nonexistent RUSTUP_HOME=/nonexistent)

new_project() {
  rm -rf "$work/project"
  mkdir "$work/project"
  cd "$work/project"
  git init -q .
  git config user.email ci@example.com
  git config user.name ci
}

leaky='import functools


class Service:
    @functools.lru_cache(maxsize=None)
    def lookup(self, key):
        return key
'
fixed='import functools


class Service:
    def __init__(self):
        self.lookup = functools.lru_cache(maxsize=256)(self._lookup)

    def _lookup(self, key):
        return key
'

# 1. The mirror, with no Rust: fails on a leak, passes once fixed.
new_project
printf '%s' "$leaky" > service.py
git add service.py
if "${offline[@]}" "$pre_commit" try-repo "$work/mirror" memwise >"$work/first.log" 2>&1; then
  cat "$work/first.log" >&2
  fail "the mirror's hook passed on a leaking file"
fi
grep -q "MEM201" "$work/first.log" || { cat "$work/first.log" >&2; fail "the mirror's hook failed without reporting MEM201"; }
printf '%s' "$fixed" > service.py
git add service.py
"${offline[@]}" "$pre_commit" try-repo "$work/mirror" memwise >"$work/second.log" 2>&1 \
  || { cat "$work/second.log" >&2; fail "the mirror's hook failed on a fixed file"; }
passed=$((passed + 2))

# 2. The README's snippets as written, URLs swapped for the local copies.
python3 - "$repo/README.md" "$work/snippets" <<'PY'
import pathlib
import re
import sys

readme = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")
out = pathlib.Path(sys.argv[2])
out.mkdir()
blocks = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "pre-commit-config" in b]
for name, url in (("mirror", "https://github.com/memwise/memwise-pre-commit"), ("rust", "https://github.com/memwise/memwise\n")):
    found = [b for b in blocks if f"repo: {url}" in b]
    if len(found) != 1:
        sys.exit(f"README.md: expected one pre-commit snippet for {url.strip()}, found {len(found)}")
    (out / name).write_text(found[0], encoding="utf-8")
PY
for snippet in mirror rust; do
  grep -q "rev: v$version\$" "$work/snippets/$snippet" \
    || fail "README.md's $snippet snippet does not name rev v$version: $(cat "$work/snippets/$snippet")"
done
sed "s#https://github.com/memwise/memwise-pre-commit#$work/mirror#" "$work/snippets/mirror" > "$work/mirror-config.yaml"
sed "s#https://github.com/memwise/memwise\$#$work/memwise#" "$work/snippets/rust" > "$work/rust-config.yaml"

new_project
printf '%s' "$leaky" > service.py
git add service.py
cp "$work/mirror-config.yaml" .pre-commit-config.yaml
if "${offline[@]}" "$pre_commit" run --all-files >"$work/readme-mirror.log" 2>&1; then
  cat "$work/readme-mirror.log" >&2
  fail "the README's mirror snippet passed on a leaking file"
fi
grep -q "MEM201" "$work/readme-mirror.log" || { cat "$work/readme-mirror.log" >&2; fail "the README's mirror snippet reported no MEM201"; }
passed=$((passed + 1))

# The `language: rust` hook builds with cargo; it shares the checkout's
# target folder so the dependencies the wheel build compiled are reused.
cp "$work/rust-config.yaml" .pre-commit-config.yaml
if CARGO_TARGET_DIR="$repo/target" "$pre_commit" run --all-files >"$work/readme-rust.log" 2>&1; then
  cat "$work/readme-rust.log" >&2
  fail "the README's rust snippet passed on a leaking file"
fi
grep -q "MEM201" "$work/readme-rust.log" || { cat "$work/readme-rust.log" >&2; fail "the README's rust snippet reported no MEM201"; }
printf '%s' "$fixed" > service.py
git add service.py
CARGO_TARGET_DIR="$repo/target" "$pre_commit" run --all-files >"$work/readme-rust2.log" 2>&1 \
  || { cat "$work/readme-rust2.log" >&2; fail "the README's rust snippet failed on a fixed file"; }
passed=$((passed + 2))

# 3. Thirty modules, one whole-project finding: the class is defined in the
# first module and created in a loop in the last, so a hook that split the
# files into batches would miss it, and print a summary per batch.
new_project
for i in $(seq -w 1 30); do
  printf 'def helper_%s(value):\n    return value + 1\n' "$i" > "module_$i.py"
done
printf 'class Point:\n    def __init__(self, x):\n        self.x = x\n' > module_01.py
printf 'from module_01 import Point\n\npoints = [Point(i) for i in range(100000)]\n' > module_30.py
git add .
cp "$work/mirror-config.yaml" .pre-commit-config.yaml
if "${offline[@]}" "$pre_commit" run --all-files >"$work/thirty.log" 2>&1; then
  cat "$work/thirty.log" >&2
  fail "30 modules: the hook passed, missing the whole-project finding"
fi
[[ "$(grep -c "MEM401" "$work/thirty.log")" == 1 ]] \
  || { cat "$work/thirty.log" >&2; fail "30 modules: MEM401 is not reported exactly once"; }
[[ "$(grep -c "^Found " "$work/thirty.log")" == 1 ]] \
  || { cat "$work/thirty.log" >&2; fail "30 modules: not exactly one summary line"; }
passed=$((passed + 1))

echo "pre-commit hooks: $passed passed, 0 failed"
