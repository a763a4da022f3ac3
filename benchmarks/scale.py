#!/usr/bin/env python3
"""The handbook at scale: build time, memory, page weight and incremental work for N memoirs.

For each N (default 5, 50, 200, 1000) a synthetic handbook is made from the real memoirs
(``synth.py``) and built with the strict options of ``make html``, each build in a fresh
process. Reported:

- clean HTML build: wall time, peak memory (max RSS), all HTML bytes, the size of one memoir
  page (``memoirs/2021-busy-year.html``), ``searchindex.js``;
- incremental builds: after editing one memoir's text, after editing one passage summary,
  after touching ``references.bib``, and with nothing changed: time, pages read, pages written;
- with ``--parallel``: a clean ``-j 2`` build next to the serial one, and whether the outputs
  are byte-identical;
- with ``--print N``: the PDF (``make pdf``'s builder and latexmk) and the EPUB at N memoirs:
  time and pages.

Prints Markdown tables; docs/performance.md records them.

    .venv/bin/python benchmarks/scale.py                        # 5, 50, 200, 1000
    .venv/bin/python benchmarks/scale.py --sizes 5,50 --parallel 200 --print 200
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from synth import make_handbook  # noqa: E402

PAGE = "memoirs/2021-busy-year.html"

# One build in this process, reporting what it read and wrote (run as a subprocess).
_ONE = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, str(Path(sys.argv[1]) / "_ext"))
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils
src, out, builder, jobs = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
read, written = [], []
start = time.perf_counter()
with patch_docutils(src), docutils_namespace():
    app = Sphinx(src, src, out / builder, out / "doctrees", builder, status=None,
                 warning=sys.stderr, warningiserror=True, keep_going=True, parallel=jobs,
                 confoverrides={"nitpicky": True})
    app.connect("env-before-read-docs", lambda a, e, d: read.extend(d))
    app.connect("html-page-context", lambda a, p, *rest: written.append(p))
    app.build()
print(json.dumps({"seconds": time.perf_counter() - start, "status": app.statuscode,
                  "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "read": len(read), "written": len(written)}))
"""


def build(src: Path, out: Path, builder: str = "html", jobs: int = 1) -> dict:
    proc = subprocess.run([sys.executable, "-c", _ONE, str(src), str(out), builder, str(jobs)],
                          capture_output=True, text=True)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise SystemExit(f"build failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    if result["status"] != 0:
        raise SystemExit(f"build had warnings:\n{proc.stderr[-3000:]}")
    return result


def html_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.html"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def scale_row(n: int, tmp: Path) -> tuple[str, str]:
    src = make_handbook(n, tmp / f"h{n}")
    out = tmp / f"out{n}"
    clean = build(src, out)
    html = out / "html"
    size = html_bytes(html) / 1e6
    page = (html / PAGE).stat().st_size / 1e3
    index = (html / "searchindex.js").stat().st_size / 1e3
    memoir = src / "memoirs" / "2021-busy-year.md"
    rows = []
    edit(memoir, "2021년도는 여러모로 굉장히 바쁜 한 해였다.", "2021년도는 여러모로 굉장히 바쁜 한 해였다!")
    rows.append(("edit one memoir's text", build(src, out)))
    edit(memoir, ":summary: 90kg에 육박한", ":summary: 90킬로그램에 육박한")
    rows.append(("edit one passage summary", build(src, out)))
    bib = src / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    rows.append(("touch references.bib", build(src, out)))
    rows.append(("nothing changed", build(src, out)))
    first = (f"| {n} | {clean['seconds']:.1f} s | {clean['maxrss_mib']:.0f} MiB | "
             f"{size:.2f} MB | {page:.1f} KB | {index:.0f} KB | {clean['written']} |")
    second = "".join(
        f"| {n} | {what} | {r['seconds']:.1f} s ({r['seconds'] / clean['seconds']:.0%}) | "
        f"{r['read']} | {r['written']} |\n" for what, r in rows)
    shutil.rmtree(src)
    shutil.rmtree(out)
    return first, second


def parallel_row(n: int, tmp: Path) -> str:
    src = make_handbook(n, tmp / f"p{n}")
    serial = build(src, tmp / "serial")
    two = build(src, tmp / "two", jobs=2)
    cmp = filecmp.dircmp(tmp / "serial" / "html", tmp / "two" / "html")

    def differences(c) -> int:
        return len(c.diff_files) + len(c.left_only) + len(c.right_only) + sum(
            differences(s) for s in c.subdirs.values())

    same = differences(cmp) == 0
    return (f"| {n} | {serial['seconds']:.1f} s | {two['seconds']:.1f} s | "
            f"{two['seconds'] / serial['seconds']:.2f} | {'yes' if same else 'no'} |")


def print_row(n: int, tmp: Path) -> str:
    src = make_handbook(n, tmp / f"b{n}")
    rows = []
    start = time.perf_counter()
    latex = build(src, tmp / "book", "latex")
    proc = subprocess.run(["latexmk", "-pdfxe", "-interaction=nonstopmode", "-halt-on-error",
                           "handbook.tex"], cwd=tmp / "book" / "latex", capture_output=True,
                          text=True)
    seconds = time.perf_counter() - start
    pdf = tmp / "book" / "latex" / "handbook.pdf"
    pages = "?"
    if proc.returncode == 0 and pdf.exists():
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = re.search(r"Pages:\s+(\d+)", info).group(1)
    rows.append(f"| {n} | PDF | {seconds:.1f} s (Sphinx {latex['seconds']:.1f} s) | {pages} pages |")
    epub = build(src, tmp / "ebook", "epub")
    documents = len(list((tmp / "ebook" / "epub").glob("**/*.xhtml")))
    rows.append(f"| {n} | EPUB | {epub['seconds']:.1f} s | {documents} documents |")
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5,50,200,1000")
    ap.add_argument("--parallel", default="200", help="sizes for the -j 2 comparison ('' none)")
    ap.add_argument("--print", default="200", help="sizes for PDF and EPUB ('' none)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        firsts, seconds = [], []
        for n in sizes:
            first, second = scale_row(n, tmp)
            firsts.append(first)
            seconds.append(second)
            print(first, file=sys.stderr, flush=True)
        print("| memoirs | clean build | peak memory | all HTML | one memoir page "
              "| searchindex.js | pages written |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        print("\n".join(firsts))
        print("\n| memoirs | change | rebuild (share of clean) | pages read | pages written |")
        print("|---:|---|---:|---:|---:|")
        print("".join(seconds), end="")
        if args.parallel:
            print("\n| memoirs | serial | -j 2 | ratio | byte-identical |")
            print("|---:|---:|---:|---:|---|")
            for n in (int(s) for s in args.parallel.split(",")):
                print(parallel_row(n, tmp))
        if args.print:
            print("\n| memoirs | output | time | size |")
            print("|---:|---|---:|---:|")
            for n in (int(s) for s in args.print.split(",")):
                print(print_row(n, tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
