#!/usr/bin/env bash
# casec reads Inspect eval logs (`metric:`, docs/language.md). The committed
# logs in tests/fixtures/inspect/ were written by the inspect-ai package; this
# step installs its newest release from PyPI, writes the logs again with the
# same script, and checks that casec still reads them as it reads the
# committed ones, so a change of Inspect's log format shows up here.
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() {
  echo "inspect: $*" >&2
  exit 1
}

command -v python3 >/dev/null 2>&1 || fail "python3 is needed to run inspect-ai"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check inspect-ai </dev/null
"$work/venv/bin/python" -c 'import inspect_ai; print("inspect-ai", inspect_ai.__version__)'
"$work/venv/bin/python" tests/fixtures/inspect/make_logs.py "$work/logs" </dev/null

cargo build --release --locked --quiet
casec="$PWD/${CARGO_TARGET_DIR:-target}/release/casec"
[ -x "$casec" ] || fail "no casec binary at $casec"

# The example, with each freshly written log in place of the committed one.
project="$work/project"
mkdir -p "$project/.git" "$project/evals/inspect" "$project/evals/cyber"
cp examples/inspect-evals.case "$project/"
cp examples/evals/cyber/elicitation-protocol.md examples/evals/cyber/sandbagging.json \
  examples/evals/cyber/scaling-trend.csv "$project/evals/cyber/"

check() { (cd "$project" && "$casec" check "$@" inspect-evals.case); }

cp "$work/logs/ctf-frontier-2026-11.json" "$project/evals/inspect/ctf-proxy.json"
check --strict || fail "the freshly written .json log no longer reads as the committed one"

cp "$work/logs/ctf-frontier-2026-11.eval" "$project/evals/inspect/ctf-proxy.eval"
sed -i 's|evals/inspect/ctf-proxy.json|evals/inspect/ctf-proxy.eval|' "$project/inspect-evals.case"
check --strict || fail "the freshly written .eval archive no longer reads"

cp "$work/logs/ctf-frontier-2027-02.json" "$project/evals/inspect/ctf-proxy.eval"
if out="$(check 2>&1)"; then fail "the stronger model's log passed the check"; fi
grep -q 'E0609' <<<"$out" || { echo "$out" >&2; fail "the stronger model's log did not refute the claim (E0609)"; }

cp "$work/logs/ctf-error.json" "$project/evals/inspect/ctf-proxy.eval"
if out="$(check 2>&1)"; then fail "a failed run passed the check"; fi
grep -q 'E0613' <<<"$out" || { echo "$out" >&2; fail "a failed run was not reported (E0613)"; }

echo "inspect: casec reads the logs inspect-ai writes today"
