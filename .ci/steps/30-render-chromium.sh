#!/usr/bin/env bash
# Render an example's HTML review page in headless Chromium and check the
# screenshot is not blank: the page, its inline SVG and CSS really draw.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
example="examples/agent-watchdog.case"
cargo run --release --locked --quiet -- build "$example" --emit html -o "$work/review.html"

# Chromium may exit non-zero on harmless sandbox or D-Bus complaints: the
# screenshot is what is checked.
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --screenshot="$work/out.png" \
  --window-size=1600,1200 "file://$work/review.html" >"$work/chromium.log" 2>&1 || true
if [ ! -s "$work/out.png" ]; then
  echo "chromium wrote no screenshot:"
  cat "$work/chromium.log"
  exit 1
fi

# Decode the PNG with zlib alone and count distinct colours.
python3 - "$work/out.png" <<'PY'
import struct, sys, zlib

data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, header = 8, [], None
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        header = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat.append(body)
    pos += 12 + length
width, height, depth, colour_type, _, _, interlace = header
assert depth == 8 and colour_type in (2, 6) and interlace == 0, f"unsupported PNG {header}"
bpp = 3 if colour_type == 2 else 4
raw = zlib.decompress(b"".join(idat))
stride = width * bpp
previous = bytearray(stride)
colours = set()
drawn = 0
for y in range(height):
    row_start = y * (stride + 1)
    kind = raw[row_start]
    row = bytearray(raw[row_start + 1:row_start + 1 + stride])
    if kind == 1:
        for i in range(bpp, stride):
            row[i] = (row[i] + row[i - bpp]) & 255
    elif kind == 2:
        row = bytearray((a + b) & 255 for a, b in zip(row, previous))
    elif kind == 3:
        for i in range(stride):
            left = row[i - bpp] if i >= bpp else 0
            row[i] = (row[i] + ((left + previous[i]) >> 1)) & 255
    elif kind == 4:
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        pixel = bytes(row[x:x + 3])
        colours.add(pixel)
        if pixel != b"\xff\xff\xff":
            drawn += 1
    previous = row
share = drawn / (width * height)
print(f"screenshot {width}x{height}: {len(colours)} distinct colours, {share:.1%} of pixels drawn")
assert len(colours) > 50, "the page rendered (nearly) blank"
assert share > 0.01, "the page rendered (nearly) blank"
PY
echo "chromium rendered the review page"
