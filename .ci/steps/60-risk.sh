#!/usr/bin/env bash
# Quantified risk and evidence integrity through the CLI, on a pinned date so
# that the outcome does not depend on the calendar (issue 6).
set -euo pipefail
cd "$(dirname "$0")/../.."
casec=(cargo run --release --locked --quiet --)
day=2026-11-25

echo "-- the quantified example checks clean and explains its bound"
"${casec[@]}" check --strict --today "$day" --explain-risk no_catastrophe examples/risk-quantified.case

echo "-- the failing fixture breaks its threshold (E0701)"
if "${casec[@]}" check --today 2026-06-01 --format short tests/fixtures/diagnostics/E0701.case >/tmp/casec-e0701.txt; then
  echo "E0701.case should fail"; exit 1
fi
grep -q 'error\[E0701\]' /tmp/casec-e0701.txt

echo "-- every recorded digest is current: locking changes nothing"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -r examples "$scratch/"
"${casec[@]}" evidence lock "$scratch/examples/risk-quantified.case" >/dev/null
cmp "$scratch/examples/risk-quantified.case" examples/risk-quantified.case

echo "-- a tampered artifact fails with both digests"
echo '{"escapes": 3}' > "$scratch/examples/artifacts/agent/red-team.json"
if "${casec[@]}" check --today "$day" --format short "$scratch/examples/risk-quantified.case" >"$scratch/out.txt"; then
  echo "tampering went unnoticed"; exit 1
fi
grep -q 'error\[E0603\]' "$scratch/out.txt"
echo "-- risk step passed"
