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
