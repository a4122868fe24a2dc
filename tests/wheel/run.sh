#!/usr/bin/env bash
# The wheel, for real: built as `pip install .` builds it (tests/wheel/build.sh,
# unless MEMWISE_WHEEL_DIR already holds one), installed with no index into a
# fresh virtualenv, and run both ways users run it, `memwise check` and
# `python -m memwise check`, on the fixtures; then installed with
# `pip install --target`, where `python -m memwise` must still find the
# binary. Every step that cannot run fails the test: nothing is skipped.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

wheels="${MEMWISE_WHEEL_DIR:-$work/wheels}"
if ! ls "$wheels"/memwise-*.whl >/dev/null 2>&1; then
  bash "$repo/tests/wheel/build.sh" "$wheels"
fi
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml" | head -1)"
ls "$wheels"/memwise-"$version"-*.whl >/dev/null 2>&1 \
  || fail "no wheel for version $version in $wheels: $(ls "$wheels")"

python3 -m venv "$work/env" || fail "python3 -m venv does not work here"
"$work/env/bin/pip" install --quiet --no-index --find-links "$wheels" memwise \
  || fail "the wheel does not install offline into a fresh virtualenv"

cd "$repo"
[[ "$("$work/env/bin/memwise" version)" == "memwise $version" ]] \
  || fail "memwise version does not say $version"
set +e
"$work/env/bin/memwise" check fixtures/ --output-format concise >"$work/bin.out" 2>"$work/bin.err"
bin_code=$?
"$work/env/bin/python" -m memwise check fixtures/ --output-format concise >"$work/module.out" 2>"$work/module.err"
module_code=$?
set -e
# The fixtures are full of pitfalls: exit 1, with findings.
[[ $bin_code == 1 ]] || { cat "$work/bin.err" >&2; fail "memwise check fixtures/ exited $bin_code, not 1"; }
[[ $module_code == 1 ]] || { cat "$work/module.err" >&2; fail "python -m memwise check fixtures/ exited $module_code, not 1"; }
grep -q ": MEM201 " "$work/bin.out" || fail "memwise check fixtures/ reported no MEM201"
cmp -s "$work/bin.out" "$work/module.out" \
  || fail "python -m memwise printed other findings than memwise"
grep -q "^Found [0-9]* problems" "$work/bin.err" || fail "no summary line: $(cat "$work/bin.err")"

# `pip install --target`: the package and its bin/ folder side by side.
"$work/env/bin/pip" install --quiet --no-index --find-links "$wheels" --target "$work/target" memwise \
  || fail "the wheel does not install with --target"
[[ "$(PYTHONPATH="$work/target" python3 -m memwise version)" == "memwise $version" ]] \
  || fail "python -m memwise does not find the binary of a --target install"
echo "wheel: 5 passed, 0 failed"
