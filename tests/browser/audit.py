"""The pages in a real browser: `make audit` runs this on a year's report and a trends page.

For each page, in headless Chromium:
- an axe-core audit (WCAG 2 A and AA rules and axe's best practices), at desktop width and
  at 390 px: no violation may be found;
- at 390 px (a phone), no sideways scroll: the page is no wider than the window, and no
  element (a figure, its picture, a table) is wider than the window or scrolls within itself;
- printed to PDF on A4 and on Letter: each table of figures (class "data") is on one page,
  from its caption to its Source: line; every other caption (the annex's tables, each
  figure's) on the page of what it captions; every page numbered.
Screenshots at 390 px and the PDFs, turned into PNGs, are left in the output folder to look at.

Needs chromium, pdftotext and pdftoppm (poppler-utils), and axe-core from this folder's
package.json (`npm ci`). Exits 1 if any check fails, naming the page and the check.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
PHONE = (390, 844)
DESKTOP = (1280, 900)
PAPERS = ("A4", "Letter")
RESULT_ID = "audit-result"

# Run after the page has loaded: axe, then the page's width against the window's, written
# into the page for --dump-dom to carry out.
PROBE = """
<script>
window.addEventListener("load", async () => {
  const result = {};
  try {
    const run = await axe.run(document, {
      runOnly: {type: "tag", values: [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
      resultTypes: ["violations"],
    });
    result.violations = run.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
    }));
  } catch (error) {
    result.error = String(error);
  }
  result.innerWidth = window.innerWidth;
  result.scrollWidth = document.documentElement.scrollWidth;
  // Elements wider than the window, or scrolling sideways inside themselves.
  result.wide = [];
  for (const element of document.querySelectorAll("main *")) {
    // A visually hidden element (a stacked table's header row, for screen readers) is not seen.
    if (element.closest("thead") && element.closest("table.stack")) continue;
    const box = element.getBoundingClientRect();
    const scrolls = element.scrollWidth > element.clientWidth + 1 &&
      ["auto", "scroll"].includes(getComputedStyle(element).overflowX);
    if (box.right > window.innerWidth + 1 || box.left < -1 || scrolls) {
      const name = element.tagName.toLowerCase() +
        (element.className ? "." + element.className : "");
      result.wide.push(`${name} (${Math.round(box.width)} px${scrolls ? ", scrolls" : ""})`);
    }
  }
  if (window.parent !== window) {
    window.parent.postMessage(JSON.stringify(result), "*");
  } else {
    write(JSON.stringify(result));
  }
});
function write(text) {
  const out = document.createElement("pre");
  out.id = "RESULT_ID";
  out.textContent = text;
  document.body.appendChild(out);
}
</script>
""".replace("RESULT_ID", RESULT_ID)

# Headless Chromium's window is at least 500 px wide: a phone's 390 px is a frame that wide,
# whose page posts its result to the host page, which --dump-dom carries out.
HOST = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>audit</title>
<style>body { margin: 0; } iframe { border: 0; display: block; }</style></head><body>
<iframe title="page" src="PAGE" width="WIDTH" height="HEIGHT"></iframe>
<script>
window.addEventListener("message", event => {
  const out = document.createElement("pre");
  out.id = "RESULT_ID";
  out.textContent = event.data;
  document.body.appendChild(out);
});
</script></body></html>
"""


def framed(page_uri: str, size: tuple[int, int], folder: Path, name: str) -> Path:
    host = folder / name
    text = HOST.replace("PAGE", page_uri).replace("WIDTH", str(size[0]))
    text = text.replace("HEIGHT", str(size[1])).replace("RESULT_ID", RESULT_ID)
    host.write_text(text, encoding="utf-8")
    return host


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    sys.exit("audit: no chromium found; install it (apt-get install -y chromium)")


def browser(*args: str) -> subprocess.CompletedProcess:
    profile = tempfile.mkdtemp(prefix="audit-chromium-")
    try:
        return subprocess.run(
            [
                chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def with_probe(page: Path, folder: Path) -> Path:
    """A copy of the page with axe and the probe before </body> (the page itself has no script)."""
    text = page.read_text(encoding="utf-8")
    script = f"<script>{AXE.read_text(encoding='utf-8')}</script>{PROBE}"
    copy = folder / f"{page.stem}.probe.html"
    copy.write_text(text.replace("</body>", script + "</body>"), encoding="utf-8")
    return copy


def probe(page: Path, size: tuple[int, int], folder: Path) -> dict:
    copy = with_probe(page, folder)
    host = framed(copy.as_uri(), size, folder, f"{page.stem}.host.html")
    done = browser(
        f"--window-size={max(size[0], 800)},{size[1]}",
        "--allow-file-access-from-files",
        "--virtual-time-budget=60000",
        "--dump-dom",
        host.as_uri(),
    )
    found = re.search(rf'<pre id="{RESULT_ID}">(.*?)</pre>', done.stdout, re.S)
    if not found:
        return {"error": f"no result from the browser: {done.stderr.strip()[-500:]}"}
    return json.loads(html.unescape(found.group(1)))


def screenshot(page: Path, size: tuple[int, int], path: Path) -> None:
    """The page in a frame `size` wide and tall, the frame's width of the window shot."""
    host = framed(page.as_uri(), size, path.parent, f"{path.stem}.host.html")
    browser(f"--window-size={size[0]},{size[1]}", f"--screenshot={path}", host.as_uri())


def print_pdf(page: Path, paper: str, folder: Path) -> Path:
    """The page printed on `paper` (margins as Chromium's default), as a PDF."""
    copy = folder / f"{page.stem}.{paper}.html"
    rule = f"<style>@page {{ size: {paper}; }}</style>"
    copy.write_text(page.read_text(encoding="utf-8").replace("</head>", rule + "</head>"))
    pdf = folder / f"{page.stem}.{paper}.pdf"
    browser("--no-pdf-header-footer", f"--print-to-pdf={pdf}", copy.as_uri())
    return pdf


def data_captions(page: Path) -> list[str]:
    """The captions of the page's tables of figures (class "data"), as text."""
    text = page.read_text(encoding="utf-8")
    found = re.findall(r'<table class="data[^"]*">\s*<caption>(.*?)</caption>', text, re.S)
    return [" ".join(html.unescape(c).split()) for c in found]


def split_tables(pdf: Path, captions: list[str]) -> list[str]:
    """The captions whose table does not sit on one page, from its caption to its Source: line."""
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [" ".join(p.split()) for p in text.split("\f")]
    broken = []
    for caption in captions:
        start = caption[:40]
        on = [i for i, p in enumerate(pages) if start in p]
        if not on:
            broken.append(f"{caption} (caption not found)")
            continue
        after = pages[on[0]][pages[on[0]].index(start) :]
        if "Source:" not in after:
            broken.append(caption)
    return broken


def kept_captions(page: Path) -> list[tuple[str, str]]:
    """(caption, what must follow it on its printed page) of every caption but the tables of
    figures': an annex table's caption and its header row's first cell, a figure's caption and
    its Source: line (under the picture)."""
    text = page.read_text(encoding="utf-8")

    def clean(fragment: str) -> str:
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())

    pairs = [
        (clean(caption), clean(header))
        for caption, header in re.findall(
            r'<table class="(?:notes|files)">\s*<caption>(.*?)</caption>\s*'
            r"<thead><tr><th[^>]*>(.*?)</th>",
            text,
            re.S,
        )
    ]
    pairs += [
        (clean(caption), clean(source)[:20])
        for caption, source in re.findall(
            r'<figure><figcaption>(.*?)</figcaption><img [^>]*><p class="source">(.*?)</p>',
            text,
            re.S,
        )
    ]
    return pairs


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(p.split()) for p in text.split("\f") if p.strip()]


def parted_captions(pages: list[str], pairs: list[tuple[str, str]]) -> list[str]:
    """The captions printed on a page without what they caption."""
    parted = []
    for caption, following in pairs:
        start = caption[:40]
        on = [i for i, p in enumerate(pages) if start in p]
        if not on or following not in pages[on[0]][pages[on[0]].index(start) :]:
            parted.append(caption)
    return parted


def unnumbered_pages(pages: list[str]) -> list[int]:
    """The printed pages whose text does not end with their number (the @page footer)."""
    return [
        number
        for number, text in enumerate(pages, start=1)
        if not re.search(rf"(^|\s){number}(\s*/\s*\d+)?$", text)
    ]


def audit(page: Path, folder: Path) -> list[str]:
    failures = []
    for name, size in (("desktop", DESKTOP), ("390 px", PHONE)):
        result = probe(page, size, folder)
        if "error" in result:
            failures.append(f"{name}: {result['error']}")
            continue
        for v in result["violations"]:
            failures.append(f"{name}: axe {v['id']} ({v['impact']}): {v['help']}: {v['nodes']}")
        if size == PHONE and result["scrollWidth"] > result["innerWidth"]:
            failures.append(
                f"390 px: scrolls sideways (page {result['scrollWidth']} px wide, window "
                f"{result['innerWidth']} px)"
            )
        if size == PHONE and result["wide"]:
            failures.append(f"390 px: wider than the window: {', '.join(result['wide'][:8])}")
        print(
            f"  {name}: {len(result['violations'])} axe violation(s), page "
            f"{result['scrollWidth']} px in a {result['innerWidth']} px window, "
            f"{len(result['wide'])} element(s) wider"
        )
    screenshot(page, (PHONE[0], 7000), folder / f"{page.stem}.390px.png")
    captions = data_captions(page)
    for paper in PAPERS:
        pdf = print_pdf(page, paper, folder)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "50", str(pdf), str(folder / f"{page.stem}.{paper}")],
            check=True,
        )
        broken = split_tables(pdf, captions)
        failures += [f"{paper}: table split across pages: {c}" for c in broken]
        pages = pdf_pages(pdf)
        pairs = kept_captions(page)
        parted = parted_captions(pages, pairs)
        failures += [f"{paper}: caption parted from what it captions: {c}" for c in parted]
        unnumbered = unnumbered_pages(pages)
        failures += [f"{paper}: pages without their number: {unnumbered}"] if unnumbered else []
        print(
            f"  {paper}: {len(captions) - len(broken)} of {len(captions)} tables on one page, "
            f"{len(pairs) - len(parted)} of {len(pairs)} other captions with what they caption, "
            f"{len(pages) - len(unnumbered)} of {len(pages)} pages numbered"
        )
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("build/audit/browser"))
    args = parser.parse_args()
    if not AXE.is_file():
        sys.exit(f"audit: {AXE} is missing; run npm ci in {HERE}")
    failed = False
    for page in args.pages:
        folder = args.out / page.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{page}:")
        failures = audit(page.resolve(), folder.resolve())
        for failure in failures:
            print(f"  FAIL {failure}")
        failed = failed or bool(failures)
    print(f"Screenshots and printed pages: {args.out}/")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
