#!/usr/bin/env bash
# The interactive review page (`casec build --emit html`) in a real browser:
# tests/browser/review.py drives Debian's headless Chromium with Playwright
# (from PyPI; Playwright's own browser downloads are never used) and checks
# click, collapse, search, filters, zoom and pan, keyboard navigation, the
# top claim in view on open, screenshots at desktop and 400 px wide (not
# blank, no horizontal overflow), the print layout, hostile case text, and
# that no page logs a console error.
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() {
  echo "review-browser: $*" >&2
  exit 1
}

source .ci/chromium.sh

# Playwright's Python client, pinned; its driver ships inside the wheel.
PLAYWRIGHT_VERSION=1.65.2
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
have="$(python3 -c 'from importlib.metadata import version; print(version("playwright"))' 2>/dev/null || true)"
if [ "$have" != "$PLAYWRIGHT_VERSION" ]; then
  echo "installing playwright $PLAYWRIGHT_VERSION from PyPI"
  python3 -m pip install --quiet --disable-pip-version-check "playwright==$PLAYWRIGHT_VERSION" ||
    fail "cannot install playwright $PLAYWRIGHT_VERSION"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release --locked --quiet
casec="${CARGO_TARGET_DIR:-target}/release/casec"
[ -x "$casec" ] || fail "no casec binary at $casec"

timeout 600 python3 tests/browser/review.py --casec "$casec" --chromium "$(command -v chromium)" \
  --out "$work" || fail "the review page failed in the browser (see above)"
