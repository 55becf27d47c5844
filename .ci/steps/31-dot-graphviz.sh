#!/usr/bin/env bash
# The DOT that `casec build --emit dot` writes is for people who lay it out
# with Graphviz: check that Graphviz reads every example's DOT and lays it out
# without a warning. (casec itself never needs Graphviz.)
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() {
  echo "dot-graphviz: $*" >&2
  exit 1
}

if ! command -v dot >/dev/null 2>&1; then
  echo "installing graphviz"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "need root or sudo to install graphviz"
    sudo=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq </dev/null
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends graphviz </dev/null >/dev/null
fi
command -v dot >/dev/null 2>&1 || fail "graphviz is not installed"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release --locked --quiet
casec="${CARGO_TARGET_DIR:-target}/release/casec"
[ -x "$casec" ] || fail "no casec binary at $casec"

count=0
for case in examples/*.case tests/fixtures/gsn/*.case; do
  "$casec" build "$case" --emit dot -o "$work/diagram.dot" 2>"$work/casec.log" ||
    { cat "$work/casec.log" >&2; fail "casec build $case --emit dot failed"; }
  dot -Tsvg "$work/diagram.dot" -o "$work/diagram.svg" 2>"$work/dot.log" ||
    { cat "$work/dot.log" >&2; fail "graphviz rejects the DOT of $case"; }
  if [ -s "$work/dot.log" ]; then
    cat "$work/dot.log" >&2
    fail "graphviz warns about the DOT of $case"
  fi
  [ -s "$work/diagram.svg" ] || fail "graphviz drew nothing for $case"
  count=$((count + 1))
done
[ "$count" -gt 0 ] || fail "no case was drawn"
echo "graphviz laid out the DOT of $count cases ($(dot -V 2>&1))"
