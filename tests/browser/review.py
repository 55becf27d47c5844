#!/usr/bin/env python3
"""The review page (`casec build --emit html`) driven in a real browser.

Playwright (from PyPI) drives Debian's Chromium (never a browser Playwright
downloads): every check clicks, types and presses keys as a reviewer would,
and reads what the page then shows.

    python3 tests/browser/review.py --casec target/release/casec [--out DIR]

Checked, on examples/risk-quantified.case unless said otherwise:
- the page opens with the top claim in view (at 1280 and 400 px wide);
- clicking each claim shows its risk bound (as the claims table gives it)
  and its strength in the detail panel;
- Enter on a focused element, and the panel's button, collapse what it rests
  on (hidden, and shown again on expanding);
- the search finds an element by id and by text, and Enter goes to it;
- each filter (findings, undeveloped claims, stale evidence) narrows the
  diagram to what it names (tests/browser/filters.case);
- zoom and pan move the diagram; Tab reaches the elements, each with an
  accessible name;
- screenshots at desktop and 400 px are not blank, and nothing overflows
  the viewport horizontally (also in the print layout, which shows the
  whole argument, collapsed parts too);
- hostile case text (script payloads in ids' texts and artifacts) runs
  nothing when searched, clicked and shown in the panel;
- without script, the page is the static report and does not overflow;
- every example and diagnostics fixture (and an empty case) opens, folds
  and unfolds;
- no console error, page error or CSP violation on any page.
Exits 1 with every failed check listed.
"""

import argparse
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-25"
failures = []
passed = 0


def check(ok, what):
    global passed
    print(("ok   " if ok else "FAIL ") + what)
    if ok:
        passed += 1
    else:
        failures.append(what)
    return ok


def build(casec, case, out, *extra):
    result = subprocess.run(
        [casec, "build", str(case), "--today", TODAY, "--emit", "html", "-o", str(out), *extra],
        capture_output=True,
        text=True,
    )
    if not out.exists():
        sys.exit(f"casec build {case} wrote nothing: {result.stderr}")
    return out


def png_stats(path):
    """Distinct colours and share of non-white pixels of a PNG (zlib only)."""
    data = Path(path).read_bytes()
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
    colours, drawn = set(), 0
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        row = bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                row[i] = (row[i] + a) & 255
            elif kind == 2:
                row[i] = (row[i] + b) & 255
            elif kind == 3:
                row[i] = (row[i] + ((a + b) >> 1)) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp):
            pixel = bytes(row[x:x + 3])
            colours.add(pixel)
            drawn += pixel != b"\xff\xff\xff"
        previous = row
    return len(colours), drawn / (width * height)


class Page:
    """One page open in the browser, with its console watched."""

    def __init__(self, browser, path, width, height=900):
        self.errors = []
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("dialog", lambda d: (self.errors.append(f"a dialog: {d.message}"), d.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("html[data-review='ready']", timeout=15000)

    def js(self, script, arg=None):
        return self.page.evaluate(script, arg)

    def close(self):
        self.context.close()


IN_VIEW = """i => {
  const g = document.querySelectorAll('#rv-view g.gsn-node')[i].getBoundingClientRect();
  const v = document.getElementById('rv-view').getBoundingClientRect();
  return g.width > 0 && g.left >= v.left - 1 && g.right <= v.right + 1 && g.top >= v.top - 1 &&
    g.bottom <= v.bottom + 1 && g.top >= 0 && g.bottom <= window.innerHeight &&
    g.left >= 0 && g.right <= window.innerWidth;
}"""
DATA = "() => JSON.parse(document.getElementById('review-data').textContent)"
OVERFLOW = "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
SHOWN = """() => Array.from(document.querySelectorAll('#rv-view g.gsn-node'))
  .filter(g => getComputedStyle(g).display !== 'none').length"""


def no_overflow(p, what):
    scroll, inner = p.js(OVERFLOW)
    check(scroll <= inner, f"{what}: no horizontal overflow (scrollWidth {scroll}, innerWidth {inner})")


def screenshot(p, out, name):
    path = out / f"{name}.png"
    p.page.screenshot(path=str(path))
    colours, share = png_stats(path)
    check(colours > 50 and share > 0.02,
          f"{name}: screenshot not blank ({colours} colours, {share:.1%} of pixels drawn)")


def node_index(p, element):
    return p.js("id => { const g = document.getElementById('node-' + id);"
                " return Array.from(document.querySelectorAll('#rv-view g.gsn-node')).indexOf(g); }",
                element)


def show(p, element):
    """Bring an element into view as a reviewer would: search for it, Enter."""
    search = p.page.locator("#rv-search")
    search.fill(element)
    search.press("Enter")
    search.fill("")


def claims_table(p):
    """The claims table's bound and strength for each claim."""
    return p.js("""() => Array.from(document.querySelectorAll('#claims tr')).slice(1).map(tr => {
      const td = tr.querySelectorAll('td');
      return [td[0].textContent, td[1].textContent, td[3].textContent];
    })""")


def risk_quantified(browser, casec, out):
    page_path = build(casec, ROOT / "examples/risk-quantified.case", out / "risk-quantified.html")
    for width, height in ((1280, 900), (400, 760)):
        p = Page(browser, page_path, width, height)
        tag = f"risk-quantified at {width} px"
        data = p.js(DATA)
        top = data["top"]
        check(data["nodes"][top]["id"] == "no_catastrophe", f"{tag}: the top claim is no_catastrophe")
        check(p.js(IN_VIEW, top), f"{tag}: the top claim is in view on open")
        screenshot(p, out, f"risk-quantified-{width}")
        no_overflow(p, tag)

        # Each claim's bound on click, as the claims table gives it.
        rows = claims_table(p)
        check(len(rows) >= 5, f"{tag}: the claims table lists the claims ({len(rows)})")
        for claim, bound, strength in rows:
            show(p, claim)
            p.page.locator(f"#node-{claim}").click()
            panel = p.page.locator("#rv-panel")
            shown = panel.locator("#rv-bound").text_content() if panel.locator("#rv-bound").count() else None
            title = panel.locator("h3").text_content()
            ok = title == claim and shown == bound and strength in panel.text_content()
            check(ok, f"{tag}: clicking {claim} shows its bound {bound} and strength {strength} (got {title}: {shown})")
            if width == 400:
                break
        no_overflow(p, f"{tag}, after clicks")
        if width == 400:
            check(not p.errors, f"{tag}: no console errors ({p.errors})")
            p.close()
            continue

        # Collapse with Enter on the focused element, expand again.
        total = p.js(SHOWN)
        show(p, "over_outcomes")
        p.page.locator("#node-over_outcomes").focus()
        p.page.keyboard.press("Enter")
        collapsed = p.js(SHOWN)
        hidden = not p.page.locator("#node-assistant_no_uplift").is_visible()
        check(collapsed < total and hidden,
              f"{tag}: Enter collapses over_outcomes ({total} shown, then {collapsed}; a descendant hidden: {hidden})")
        check(p.page.locator("#node-over_outcomes").get_attribute("aria-expanded") == "false",
              f"{tag}: the collapsed element says aria-expanded=false")
        check(p.page.locator("#node-no_catastrophe").is_visible(), f"{tag}: its parent stays shown")
        check(p.page.locator("#node-over_outcomes .rv-badge").count() == 1,
              f"{tag}: the collapsed element shows how many are hidden")
        p.page.keyboard.press("Enter")
        check(p.js(SHOWN) == total, f"{tag}: Enter again expands it")
        # The panel's button does the same.
        p.page.locator("#rv-toggle").click()
        check(p.js(SHOWN) == collapsed, f"{tag}: the panel's Collapse button collapses it")
        # Print shows the whole argument, collapsed parts too, at any zoom.
        p.page.locator("#rv-zoom-in").click()
        p.page.emulate_media(media="print")
        check(p.js(SHOWN) == total, f"{tag}: the print layout shows every element")
        no_overflow(p, f"{tag}, print layout")
        svg_width = p.js("() => document.querySelector('#rv-view svg').getBoundingClientRect().width")
        check(svg_width <= p.js("() => window.innerWidth"),
              f"{tag}: the printed diagram fits the page width ({svg_width:.0f} px)")
        # Every element on the page, whatever the screen's pan and zoom were.
        p.page.evaluate("() => window.scrollTo(0, 0)")
        off = p.js("""() => Array.from(document.querySelectorAll('#rv-view g.gsn-node')).filter(g => {
          const r = g.getBoundingClientRect();
          return !(r.width > 0 && r.left >= -1 && r.right <= window.innerWidth + 1 &&
            r.top + window.scrollY >= 0);
        }).map(g => g.id)""")
        check(not off, f"{tag}: every element is drawn on the printed page ({off})")
        p.page.emulate_media(media="screen")
        p.page.locator("#rv-expand").click()
        check(p.js(SHOWN) == total, f"{tag}: Expand all shows everything again")

        # Search by id and by text.
        search = p.page.locator("#rv-search")
        search.fill("egress")
        count = p.page.locator("#rv-count").text_content()
        matches = p.js("() => document.querySelectorAll('#rv-view g.gsn-node.rv-match').length")
        listed = p.page.locator("#rv-results button", has_text="egress_red_team").count()
        check(matches > 0 and listed == 1, f"{tag}: search `egress` finds egress_red_team ({count})")
        search.fill("red-teamed by the security team")
        texts = p.page.locator("#rv-results button").all_text_contents()
        check(texts == ["diverse_methods"], f"{tag}: search by text finds diverse_methods ({texts})")
        search.press("Enter")
        check(p.page.locator("#rv-panel h3").text_content() == "diverse_methods",
              f"{tag}: Enter in the search goes to the match")
        check(p.js(IN_VIEW, node_index(p, "diverse_methods")), f"{tag}: the match is brought into view")
        search.fill("")

        # Zoom and pan.
        before = p.js("() => document.querySelector('#rv-view svg').style.transform")
        p.page.locator("#rv-zoom-in").click()
        zoomed = p.js("() => document.querySelector('#rv-view svg').style.transform")
        scale = lambda transform: float(re.search(r"scale\(([0-9.]+)\)", transform or "scale(1)").group(1))
        check(abs(scale(zoomed) / scale(before) - 1.25) < 1e-6,
              f"{tag}: zoom in scales the diagram by 1.25 ({before} to {zoomed})")
        p.page.locator("#rv-view").scroll_into_view_if_needed()
        view = p.page.locator("#rv-view").bounding_box()
        x, y = view["x"] + 20, view["y"] + 20
        p.page.mouse.move(x, y)
        p.page.mouse.down()
        p.page.mouse.move(x + 120, y - 60, steps=5)
        p.page.mouse.up()
        panned = p.js("() => document.querySelector('#rv-view svg').style.transform")
        check(panned != zoomed, f"{tag}: dragging pans the diagram ({panned})")
        p.page.locator("#rv-home").click()
        check(p.js(IN_VIEW, top), f"{tag}: Top claim brings it back into view")

        # Keyboard: Tab from the viewport reaches the elements, named.
        p.page.locator("#rv-view").focus()
        p.page.keyboard.press("Tab")
        focused = p.js("() => [document.activeElement.getAttribute('class'),"
                       " document.activeElement.getAttribute('aria-label')]")
        check("gsn-node" in (focused[0] or "") and (focused[1] or "").startswith("Goal no_catastrophe"),
              f"{tag}: Tab reaches the first element, with an accessible name ({focused[1]!r})")
        p.page.keyboard.press("ArrowDown")
        check(p.page.locator("#rv-panel h3").text_content() == "over_outcomes",
              f"{tag}: ArrowDown follows the support link to over_outcomes")
        names = p.js("() => Array.from(document.querySelectorAll('#rv-view g.gsn-node'))"
                     ".every(g => g.tabIndex === 0 && (g.getAttribute('aria-label') || '').length > 0)")
        check(names, f"{tag}: every element is focusable and has an accessible name")

        # A link from the findings or claims table shows the element in the diagram.
        p.page.locator("#claims a[href='#node-agent_no_leak']").click()
        check(p.page.locator("#rv-panel h3").text_content() == "agent_no_leak",
              f"{tag}: a table link selects its element")
        check(p.page.locator("details.rv-key li").count() >= 15, f"{tag}: the key lists shapes, arrows and marks")
        check(not p.errors, f"{tag}: no console errors ({p.errors})")
        p.close()


def without_script(browser, out):
    """With script off the page is the static report: everything shown, the
    diagram in a box of its own, nothing overflowing at 400 px."""
    for width in (1280, 400):
        context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=False)
        page = context.new_page()
        page.goto((out / "risk-quantified.html").as_uri())
        tag = f"risk-quantified without script at {width} px"
        scroll, inner = page.evaluate(OVERFLOW)
        check(scroll <= inner, f"{tag}: no horizontal overflow (scrollWidth {scroll}, innerWidth {inner})")
        tools = page.locator(".rv-tools").is_visible()
        check(not tools and page.locator("#node-no_catastrophe").is_visible(),
              f"{tag}: the diagram is shown, the tools (which need the script) are not")
        context.close()


def filters(browser, casec, out):
    page_path = build(casec, ROOT / "tests/browser/filters.case", out / "filters.html")
    p = Page(browser, page_path, 1280)
    tag = "filters.case"
    total = p.js("() => document.querySelectorAll('#rv-view g.gsn-node').length")
    undimmed = "() => Array.from(document.querySelectorAll('#rv-view g.gsn-node:not(.rv-dim)')).map(g => g.id)"
    expected = {
        "findings": {"node-no_exfiltration", "node-old_evals"},
        # `safe` too: it rests on no_exfiltration, so it is not argued
        # down to evidence either.
        "undeveloped": {"node-safe", "node-no_exfiltration"},
        "stale": {"node-old_evals"},
    }
    for value, ids in expected.items():
        p.page.locator("#rv-filter").select_option(value)
        kept = set(p.js(undimmed))
        check(kept == ids and len(kept) < total, f"{tag}: the {value} filter narrows to {sorted(kept)}")
        listed = p.page.locator("#rv-results button").all_text_contents()
        check(sorted(listed) == sorted(i[len("node-"):] for i in ids),
              f"{tag}: the {value} filter lists {listed}")
    p.page.locator("#rv-filter").select_option("")
    check(len(p.js(undimmed)) == total, f"{tag}: `all elements` shows everything again")
    # The stale evidence's panel: status, finding and the doubt against it.
    show(p, "old_evals")
    p.page.locator("#node-old_evals").click()
    panel = p.page.locator("#rv-panel").text_content()
    check("W0605" in panel and "(stale)" in panel and "old_scaffold" in panel and "refuted" in panel,
          f"{tag}: the panel of old_evals shows its staleness, finding and the doubt against it")
    link = p.page.locator("#rv-panel a").get_attribute("href")
    check(link == "https://evals.example.org/ctf-2026-03.json", f"{tag}: the panel links the artifact ({link})")
    check(not p.errors, f"{tag}: no console errors ({p.errors})")
    p.close()


MARK = "document.documentElement.setAttribute('data-pwned','yes')"


def hostile(browser, casec, out):
    """Payloads in texts and artifacts: searched, clicked, shown; none runs."""
    payloads = [f"</script><script>{MARK}</script>", f"\"><img src=x onerror=\"{MARK}\">",
                f"<svg/onload={MARK}>", f"]]><script>{MARK}</script>", f"\\u003cscript>{MARK}"]
    text = " ".join(payloads)

    def quoted(value):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    artifacts = [f"javascript:{MARK}", f" JaVaScRiPt:{MARK}", f"data:text/html,<script>{MARK}</script>",
                 f"\"><img src=x onerror=\"{MARK}\">", "https://example.org/?a=1&b=<2>"]
    ids = [f"e{i}" for i in range(len(artifacts))]
    lines = [f"case hostile {quoted(text)} {{\n  top: safe\n}}\n",
             f"outcome harm {quoted(text)}\n",
             f"context ctx {quoted(text)}\n"]
    for id, artifact in zip(ids, artifacts):
        lines.append(f"evidence {id} {quoted(text)} {{\n  artifact: {quoted(artifact)}\n  date: 2026-11-01\n}}\n")
    lines.append(f"claim safe {quoted(text)} {{\n  addresses: harm\n  in context of: ctx\n"
                 f"  supported by: {', '.join(ids)}\n}}\n")
    lines.append(f"defeater doubt {quoted(text)} {{\n  challenges: e0\n  doubt: undermines\n}}\n")
    case = out / "hostile.case"
    case.write_text("\n".join(lines), encoding="utf-8")
    page_path = build(casec, case, out / "hostile.html")
    p = Page(browser, page_path, 1280)
    tag = "hostile case"
    for id in ["safe", "ctx", "doubt"] + ids:
        show(p, id)
        p.page.locator(f"#node-{id}").click()
        p.page.locator("#rv-panel h3").wait_for()
    p.page.locator("#rv-search").fill("script")
    p.page.locator("#rv-filter").select_option("findings")
    p.page.wait_for_timeout(500)
    pwned = p.js("() => document.documentElement.hasAttribute('data-pwned')")
    check(not pwned, f"{tag}: no payload ran")
    scripts = p.js("() => Array.from(document.scripts).map(s => s.id || '(no id)')")
    check(scripts == ["review-data", "review-script"], f"{tag}: the page holds only its own scripts ({scripts})")
    bad = p.js("""() => Array.from(document.querySelectorAll('a')).map(a => a.href || a.getAttribute('href'))
      .filter(h => h && !['http:', 'https:', 'file:'].includes(new URL(h, document.baseURI).protocol))""")
    check(not bad, f"{tag}: no link is a live script link ({bad})")
    panel_text = p.page.locator("#rv-panel .rv-text").text_content()
    check(payloads[0] in panel_text, f"{tag}: the panel shows the payload as text")
    check(not p.errors, f"{tag}: no console errors ({p.errors})")
    p.close()


def every_case(browser, casec, out):
    """Every example and diagnostics fixture (cycles, errors, doubts, empty
    cases among them) opens ready, folds and unfolds, with no console error."""
    cases = sorted(ROOT.glob("examples/*.case")) + sorted(ROOT.glob("tests/fixtures/diagnostics/*.case"))
    empty = out / "empty.case"
    empty.write_text('case empty "A case with nothing to draw" {}\n', encoding="utf-8")
    cases.append(empty)
    folder = out / "every"
    folder.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    problems = []
    for case in cases:
        page_path = build(casec, case, folder / f"{case.stem}.html")
        page = context.new_page()
        errors = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
        page.goto(page_path.as_uri())
        try:
            page.wait_for_selector("html[data-review='ready']", timeout=15000)
            for tool in ("#rv-collapse", "#rv-expand", "#rv-fit", "#rv-home"):
                page.locator(tool).click()
            page.locator("#rv-filter").select_option("findings")
            shown = page.evaluate(SHOWN)
            total = page.evaluate("() => JSON.parse(document.getElementById('review-data').textContent).nodes.length")
            if shown != total:
                errors.append(f"{shown} of {total} elements shown after Expand all")
        except Exception as e:  # a page that never got ready
            errors.append(f"{type(e).__name__}: {e}")
        if errors:
            problems.append(f"{case.name}: {errors}")
        page.close()
    context.close()
    check(not problems, f"{len(cases)} examples and fixtures open, fold and unfold without errors {problems}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--casec", required=True)
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--out", help="where to keep the pages and screenshots")
    args = parser.parse_args()
    out = Path(args.out or tempfile.mkdtemp(prefix="casec-review-"))
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=args.chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        print(f"browser: {browser.version}")
        risk_quantified(browser, args.casec, out)
        without_script(browser, out)
        filters(browser, args.casec, out)
        hostile(browser, args.casec, out)
        every_case(browser, args.casec, out)
        browser.close()
    print(f"pages and screenshots in {out}")
    if failures:
        print(f"{len(failures)} failed:\n  " + "\n  ".join(failures), file=sys.stderr)
    print(f"review page: {passed} passed, {len(failures)} failed")
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
