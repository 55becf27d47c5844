#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with the seed corpus: the examples, the test
# fixtures and the committed seeds (fuzz/seeds/: minimised crashes and other
# small inputs worth keeping). Corpora that fuzzing grows are not committed.
set -euo pipefail
cd "$(dirname "$0")"
for target in check fmt emit reparse lsp; do
  mkdir -p "corpus/$target"
  find ../examples ../tests/fixtures seeds -type f \( -name '*.case' -o -name '*.seed' \) |
    while read -r file; do
      # Named by content, so that running this again adds nothing.
      cp "$file" "corpus/$target/seed-$(sha256sum "$file" | cut -c1-16)"
    done
done
# The artifact reader's seeds: the Inspect logs (a first line naming the
# metric, then the log) and the committed eval archives.
mkdir -p corpus/artifact
for file in ../tests/fixtures/inspect/*.json ../tests/fixtures/inspect/*.eval ../examples/evals/inspect/*.json; do
  { printf 'accuracy includes\n'; cat "$file"; } >"corpus/artifact/seed-$(sha256sum "$file" | cut -c1-16)"
done
{ printf '/results/scores/0/metrics/accuracy/value\n'; cat ../tests/fixtures/inspect/ctf-frontier-2026-11.json; } >corpus/artifact/seed-pointer
