#!/usr/bin/env python3
"""Compare Korean full-text search methods on the handbook's memoirs, in a real browser.

For each method this script builds a scratch Sphinx project (MyST + sphinx-book-theme,
``language = "ko"``) holding the memoir pages, times the build, weighs ``searchindex.js``
and runs ``search_eval.py`` (headless Chromium) on the public query list and on the
extra queries in ``benchmarks/extra-queries.txt``. It prints one Markdown table; the
figures recorded in ``docs/search.md`` come from it.

Methods (``--methods``, comma separated; default: all):

  sphinx-default   Sphinx as shipped: no Korean language, so the English fallback
  particles        the handbook's analyzer (``_ext/handbook/search.py``): particle
                   stripping, query terms matched inside index terms, all terms required
  particles-nojoin the same without joining spaced words ("강화학습" finding "강화 학습")
  particles-stock  the same index and query splitting, with Sphinx's stock term matcher
  surface          no particle stripping (Latin/Hangul split only), handbook matcher
  bigram           overlapping Hangul character bigrams (CJK-style), every bigram required
  kiwi             kiwipiepy morphemes (nouns, roots, verb stems, foreign words, numbers)
                   in the index; the query split in the browser by the handbook rules
  kiwi-stock       kiwi with Sphinx's stock term matcher

Reproduce (from the repository root; shared/ beside it):

    python -m venv .venv-bench && .venv-bench/bin/pip install -r requirements.txt
    .venv-bench/bin/pip install kiwipiepy==0.24.1 kiwipiepy_model==0.24.0   # only for kiwi*
    apt-get install chromium                                                # Debian's
    .venv-bench/bin/python benchmarks/search_compare.py

With ``--handbook`` the whole handbook is built instead (memoirs, topics, tag pages,
bibliography), once as configured and once with Sphinx's default search.

Memoir directives of the handbook extension (passage, bibliography, cite:p) are replaced by
no-op stubs, so the scratch project needs nothing but Sphinx, MyST and the theme.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "_ext"))

from handbook import search as ko  # noqa: E402
from sphinx.search import SearchLanguage  # noqa: E402

METHODS = ["sphinx-default", "particles", "particles-nojoin", "particles-stock", "surface",
           "bigram", "kiwi", "kiwi-stock"]

# -- Alternative analyzers ------------------------------------------------------------

# The handbook's JavaScript without the replaced term matcher (Sphinx's stock one stays).
_STOCK_JS = ko.js_code().replace(
    "if (typeof Search !== \"undefined\")\n  Search.performTermsSearch = "
    "HandbookKorean.performTermsSearch;", "")
assert _STOCK_JS != ko.js_code(), "matcher hook not found in search_ko.js"


class ParticlesStock(ko.SearchKorean):
    js_splitter_code = _STOCK_JS


class ParticlesNoJoin(ko.SearchKorean):
    js_splitter_code = ko.js_code() + "\nHandbookKorean.options.joinSpaced = false;\n"


_SURFACE_JS = """
var splitQuery = (query) => {
  const H = "%s";
  const out = [];
  for (const run of query.normalize("NFKC").toLowerCase().match(/[\\p{L}\\p{N}_]+/gu) || [])
    out.push(...(run.match(new RegExp(
      `[0-9]*[${H}][${H}0-9]*|(?:(?![${H}])[\\\\p{L}\\\\p{N}_])+`, "gu")) || []));
  return out;
};
""" % ko.HANGUL.encode("unicode_escape").decode("ascii")


class Surface(ko.SearchKorean):
    """Latin/Hangul split and case folding only: every eojeol is a term."""

    js_splitter_code = ko.js_code() + _SURFACE_JS

    def split(self, input: str) -> list[str]:
        return [s for run in ko._RUN.findall(ko.normalize(input))
                for s in ko._SEGMENT.findall(run)]


_BIGRAM_JS = """
var splitQuery = (query) => {
  const H = "%s";
  const out = [];
  for (const run of query.normalize("NFKC").toLowerCase().match(/[\\p{L}\\p{N}_]+/gu) || [])
    for (const seg of run.match(new RegExp(`[${H}]+|(?:(?![${H}])[\\\\p{L}\\\\p{N}_])+`, "gu")) || []) {
      if (!new RegExp(`[${H}]`, "u").test(seg) || seg.length === 1) out.push(seg);
      else for (let i = 0; i + 2 <= seg.length; i++) out.push(seg.slice(i, i + 2));
    }
  return out;
};
""" % ko.HANGUL.encode("unicode_escape").decode("ascii")


class Bigram(ko.SearchKorean):
    """Hangul runs become overlapping character bigrams (a one-syllable run stays whole)."""

    js_splitter_code = ko.js_code() + _BIGRAM_JS
    _segment = re.compile(rf"[{ko.HANGUL}]+|[^\W{ko.HANGUL}]+")

    def split(self, input: str) -> list[str]:
        terms: list[str] = []
        for seg in self._segment.findall(ko.normalize(input)):
            if ko._IS_HANGUL.match(seg) and len(seg) > 1:
                terms.extend(seg[i:i + 2] for i in range(len(seg) - 1))
            else:
                terms.append(seg)
        return terms


class Kiwi(ko.SearchKorean):
    """kiwipiepy morphological analysis; the browser keeps the handbook's query rules."""

    KEEP = {"NNG", "NNP", "NR", "SL", "SH", "SN", "XR", "VV", "VA", "W_URL", "W_HASHTAG"}

    def __init__(self, options):
        super().__init__(options)
        from kiwipiepy import Kiwi as _Kiwi
        self.kiwi = _Kiwi()

    def split(self, input: str) -> list[str]:
        text = ko.normalize(input)
        if not text.strip():
            return []
        return [t.form.lower() for t in self.kiwi.tokenize(text)
                if t.tag.split("-")[0] in self.KEEP]


class KiwiStock(Kiwi):
    js_splitter_code = _STOCK_JS


LANGUAGES: dict[str, type[SearchLanguage] | None] = {
    "sphinx-default": None,
    "particles": ko.SearchKorean,
    "particles-nojoin": ParticlesNoJoin,
    "particles-stock": ParticlesStock,
    "surface": Surface,
    "bigram": Bigram,
    "kiwi": Kiwi,
    "kiwi-stock": KiwiStock,
}


def lab_setup(app, method: str) -> None:
    """Called by the scratch project's conf.py: register the method's search language."""
    language = LANGUAGES[method]
    if language is not None:
        app.add_search_language(language)


# -- Scratch project -----------------------------------------------------------------

CONF = '''\
import sys
sys.path.insert(0, {bench!r})
from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.domains import Domain
from search_compare import lab_setup

project = "search lab"
language = "ko"
extensions = ["myst_parser", "sphinx_book_theme"]
html_theme = "sphinx_book_theme"
myst_enable_extensions = ["colon_fence", "deflist"]
exclude_patterns = ["_build"]
suppress_warnings = ["myst.header", "toc.not_included", "misc.highlighting_failure"]


class Stub(Directive):
    """No-op stand-in for the handbook's passage and bibliography directives."""
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {{"summary": directives.unchanged, "name": directives.unchanged,
                   "filter": directives.unchanged}}

    def run(self):
        return []


def cite(name, rawtext, text, lineno, inliner, options={{}}, content=[]):
    return [nodes.inline(text=f"[{{text}}]")], []


class CiteStub(Domain):
    """Stand-in for sphinxcontrib-bibtex's {{cite:p}} and {{cite:t}} roles."""
    name = "cite"
    roles = {{"p": cite, "t": cite}}


def setup(app):
    app.add_directive("passage", Stub)
    app.add_directive("bibliography", Stub)
    app.add_domain(CiteStub)
    lab_setup(app, {method!r})
'''

INDEX = """# Search lab

```{toctree}
:glob:
memoirs/*
```
"""


def make_project(src: Path, pages: Path, method: str) -> None:
    if src.exists():
        shutil.rmtree(src)
    (src / "memoirs").mkdir(parents=True)
    for page in sorted(pages.glob("*.md")):
        shutil.copy(page, src / "memoirs" / page.name)
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    (src / "conf.py").write_text(CONF.format(bench=str(HERE), method=method), encoding="utf-8")


def build(src: Path, out: Path, *options: str) -> float:
    if out.exists():
        shutil.rmtree(out)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", *options,
                    "-d", str(out.parent / (out.name + ".doctrees")), str(src), str(out)],
                   check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    return time.perf_counter() - start


_SUMMARY = re.compile(r"recall ([\d.]+) \((\d+)/(\d+)\), precision ([\d.]+) \((\d+)/(\d+)\)")


def evaluate(tool: Path, html: Path, queries: Path, log: Path) -> tuple[float, float, str, str]:
    run = subprocess.run([sys.executable, str(tool), "--html", str(html), "--queries",
                          str(queries), "-v"], capture_output=True, text=True)
    log.write_text(run.stdout + run.stderr, encoding="utf-8")
    match = _SUMMARY.search(run.stdout)
    if not match:
        raise SystemExit(f"search_eval.py could not measure; see {log}")
    r, rf, rt, p, pf, pt = match.groups()
    return float(r), float(p), f"{rf}/{rt}", f"{pf}/{pt}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=REPO / "memoirs",
                    help="folder of memoir .md pages (default: the repository's memoirs/)")
    ap.add_argument("--queries", type=Path,
                    default=REPO.parent / "shared" / "tools" / "search-queries.txt")
    ap.add_argument("--extra", type=Path, default=HERE / "extra-queries.txt")
    ap.add_argument("--eval", type=Path, default=REPO.parent / "shared" / "tools" / "search_eval.py",
                    help="path of search_eval.py")
    ap.add_argument("--methods", default=",".join(METHODS))
    ap.add_argument("--repeat", type=int, default=3, help="builds per method (median time)")
    ap.add_argument("--workdir", type=Path, help="keep the scratch projects and logs here")
    ap.add_argument("--handbook", type=Path, nargs="?", const=REPO, metavar="SOURCE",
                    help="instead, build the whole handbook (default: this repository) twice: "
                         "as configured, and with Sphinx's default search "
                         "(-D html_search_language=en, what language='ko' falls back to)")
    args = ap.parse_args()

    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    unknown = set(methods) - set(LANGUAGES)
    if unknown:
        ap.error(f"unknown methods: {', '.join(sorted(unknown))}")
    if importlib.util.find_spec("kiwipiepy") is None and any(m.startswith("kiwi") for m in methods):
        print("kiwipiepy is not installed: skipping the kiwi methods", file=sys.stderr)
        methods = [m for m in methods if not m.startswith("kiwi")]
    if not shutil.which("chromium"):
        print("needs Debian's chromium on PATH", file=sys.stderr)
        return 2
    work = args.workdir or Path(tempfile.mkdtemp(prefix="search-compare-"))
    work.mkdir(parents=True, exist_ok=True)

    if args.handbook:
        methods = ["sphinx-default", "handbook"]
    rows = []
    base_size = None
    for method in methods:
        out = work / method / "html"
        if args.handbook:
            src = args.handbook
            options = ["-D", "html_search_language=en"] if method == "sphinx-default" else []
        else:
            src, options = work / method / "src", []
            make_project(src, args.pages, method)
        times = [build(src, out, *options) for _ in range(max(1, args.repeat))]
        size = (out / "searchindex.js").stat().st_size
        if method == "sphinx-default":
            base_size = size
        public = evaluate(args.eval, out, args.queries, work / method / "public.log")
        extra = evaluate(args.eval, out, args.extra, work / method / "extra.log")
        rows.append((method, public, extra, size, statistics.median(times)))
        print(f"# {method}: done", file=sys.stderr)

    print("| method | public recall | public precision | extra recall | extra precision "
          "| searchindex.js | vs default | build (s) |")
    print("|---|---|---|---|---|---|---|---|")
    for method, public, extra, size, seconds in rows:
        ratio = f"{size / base_size:.2f}x" if base_size else "n/a"
        print(f"| {method} | {public[0]:.3f} ({public[2]}) | {public[1]:.3f} ({public[3]}) "
              f"| {extra[0]:.3f} ({extra[2]}) | {extra[1]:.3f} ({extra[3]}) "
              f"| {size:,} B | {ratio} | {seconds:.1f} |")
    print(f"\nlogs and builds: {work}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
