#!/usr/bin/env bash
# The pre-commit set-ups under the real pre-commit (from PyPI), in a scratch
# repository of cases: examples/ci/pre-commit-config.yaml (casec on the PATH)
# and the hooks this repository publishes in .pre-commit-hooks.yaml (pre-commit
# clones this checkout and builds casec with cargo). Both must pass on an
# example and fail, naming the mistakes, once it is broken.
set -euo pipefail
source .ci/casec-on-path.sh

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==4.7.0"
pre_commit="$work/venv/bin/pre-commit"
export PRE_COMMIT_HOME="$work/cache"
echo "$("$pre_commit" --version)"

# A repository of cases, committed clean.
cases="$work/cases"
mkdir "$cases"
git -C "$cases" init -q
git -C "$cases" config user.email ci@casec.invalid
git -C "$cases" config user.name casec-ci
copy_example agent-watchdog.case "$cases"
git -C "$cases" add -A
git -C "$cases" commit -q -m "a clean case"

# Run every hook of a configuration on every file: $1 = expected exit status.
run_hooks() {
  local expected="$1" status=0
  (cd "$cases" && "$pre_commit" run --all-files --color never) >"$work/out" 2>&1 || status=$?
  if [ "$status" -ne "$expected" ]; then
    cat "$work/out"
    echo "pre-commit exited $status, expected $expected" >&2
    exit 1
  fi
}

# The same case, broken: an unknown reference and a mis-spaced claim.
break_case() {
  sed -i 's/supported by: /supported by: no_such_element, /' "$cases/agent-watchdog.case"
  printf 'claim   loose  "Not in the canonical layout"\n' >>"$cases/agent-watchdog.case"
}

check_broken_output() {
  for expected in "casec fmt --check.*Failed" "casec check.*Failed" \
    "agent-watchdog.case:[0-9]*:[0-9]*: error\[E0202\]: .*no_such_element" \
    "+claim loose \"Not in the canonical layout\""; do
    grep -q -- "$expected" "$work/out" || {
      cat "$work/out"
      echo "no \`$expected\` in pre-commit's output" >&2
      exit 1
    }
  done
}

# 1. examples/ci/pre-commit-config.yaml, with casec on the PATH.
cp examples/ci/pre-commit-config.yaml "$cases/.pre-commit-config.yaml"
run_hooks 0
grep -q "casec check.*Passed" "$work/out" || { cat "$work/out"; exit 1; }
break_case
run_hooks 1
check_broken_output
echo "examples/ci/pre-commit-config.yaml: passes a clean case, fails a broken one"

# 2. The published hooks: pre-commit clones this checkout at HEAD and builds
#    casec itself (its own `cargo install`, so it resolves dependencies anew).
git -C "$cases" checkout -q -- agent-watchdog.case
cat >"$cases/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $root
    rev: $(git -C "$root" rev-parse HEAD)
    hooks:
      - id: casec-fmt
      - id: casec-check
EOF
PATH="$(printf '%s' "$PATH" | sed "s|$target/release:||")"
! command -v casec >/dev/null || { echo "casec must come from pre-commit here" >&2; exit 1; }
run_hooks 0
break_case
run_hooks 1
check_broken_output
echo ".pre-commit-hooks.yaml: pre-commit builds casec, passes a clean case, fails a broken one"
