#!/usr/bin/env bash
# examples/ci/ really works: run the very commands of
# examples/ci/github-workflow.yml (its `run: casec …` lines) and the hooks of
# examples/ci/pre-commit-config.yaml (their `entry:` lines, given file names
# as pre-commit does), first on this repository's examples, which must pass,
# then on a broken case, which must fail with annotations on the right lines.
set -euo pipefail
source .ci/casec-on-path.sh

workflow="$root/examples/ci/github-workflow.yml"
hooks="$root/examples/ci/pre-commit-config.yaml"
mapfile -t runs < <(sed -n 's/^ *run: \(casec .*\)$/\1/p' "$workflow")
mapfile -t entries < <(sed -n 's/^ *entry: \(casec .*\)$/\1/p' "$hooks")
[ "${#runs[@]}" -ge 3 ] || { echo "expected 3 casec steps in $workflow" >&2; exit 1; }
[ "${#entries[@]}" -eq 2 ] || { echo "expected 2 casec hooks in $hooks" >&2; exit 1; }
# The published hooks run the same commands as the local ones.
diff <(printf '%s\n' "${entries[@]}") \
  <(sed -n 's/^ *entry: \(casec .*\)$/\1/p' "$root/.pre-commit-hooks.yaml")

workflow_steps() { # run every casec step of the workflow in $PWD with CASES=$1
  local failed=0
  for run in "${runs[@]}"; do
    echo "+ $run"
    CASES="$1" bash -c "$run" >>"$log" 2>&1 || failed=$((failed + 1))
  done
  echo "$failed"
}

# 1. The repository's own examples: every step passes, the SARIF is a 2.1.0 log.
log="$(mktemp)"
failed="$(workflow_steps examples | tail -n 1)"
[ "$failed" -eq 0 ] || { cat "$log"; echo "the workflow fails on examples/" >&2; exit 1; }
python3 - casec.sarif <<'EOF'
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0", log["version"]
assert log["runs"][0]["tool"]["driver"]["name"] == "casec"
assert log["runs"][0]["results"] == [], log["runs"][0]["results"]
EOF
rm -f casec.sarif
mapfile -t examples < <(find examples -name '*.case' | sort)
for entry in "${entries[@]}"; do
  $entry "${examples[@]}" >>"$log" 2>&1 || { cat "$log"; echo "hook \`$entry\` fails on examples/" >&2; exit 1; }
done

# 2. A pull request that breaks a case: the steps fail, and the annotations
#    name the file and the lines of the mistakes.
work="$(mktemp -d)"
trap 'rm -rf "$work" "$log"' EXIT
mkdir "$work/cases"
copy_example agent-watchdog.case "$work/cases"
# An unknown reference (E0202), and a claim left unfinished at the end of the
# file (E0002): a syntax error does not hide the other items' errors.
line="$(grep -n 'supported by:' "$work/cases/agent-watchdog.case" | head -n 1 | cut -d: -f1)"
sed -i "${line}s/supported by: /supported by: no_such_argument, /" "$work/cases/agent-watchdog.case"
printf '\nclaim broken "Unfinished" {\n  supported by:\n}\n' >>"$work/cases/agent-watchdog.case"
last="$(wc -l <"$work/cases/agent-watchdog.case")"
(
  cd "$work"
  : >"$log"
  failed="$(workflow_steps cases | tail -n 1)"
  # fmt --check and check fail; the SARIF step never fails the job.
  [ "$failed" -eq 2 ] || { cat "$log"; echo "expected 2 failing steps, got $failed" >&2; exit 1; }
  for expected in "$line,.*title=E0202" "$last,.*title=E0002"; do
    grep -q "^::error file=cases/agent-watchdog.case,line=$expected::" "$log" \
      || { cat "$log"; echo "no annotation line=$expected" >&2; exit 1; }
  done
  python3 - casec.sarif "$line" "$last" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["runs"][0]["results"]
found = sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results)
assert found == [("E0002", int(sys.argv[3])), ("E0202", int(sys.argv[2]))], found
EOF
  for entry in "${entries[@]}"; do
    if $entry cases/agent-watchdog.case >/dev/null 2>&1; then
      echo "hook \`$entry\` passes a broken case" >&2
      exit 1
    fi
  done
)
echo "examples/ci: workflow steps and pre-commit hooks pass on examples/ and annotate a broken case"
