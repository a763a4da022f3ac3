"""The handbook at scale: what keeps builds linear, checked for behaviour (figures are measured
by benchmarks/scale.py and recorded in docs/performance.md, not by timed tests)."""

from __future__ import annotations

import inspect
import shutil
import subprocess
import sys
from pathlib import Path

from sphinxcontrib.bibtex.domain import BibtexDomain

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent


def build_html(src: Path, out: Path) -> dict[Path, bytes]:
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "-n", "-b",
                    "html", "-d", str(out / "doctrees"), str(src), str(out / "html")],
                   check=True)
    return {p.relative_to(out / "html"): p.read_bytes()
            for p in sorted((out / "html").rglob("*.html"))}


def test_linear_bibliography_gives_upstreams_output(tmp_path):
    """Every reference list and citation link of the real handbook is the same with
    sphinxcontrib-bibtex's own domain and with the handbook's linear one (bibscale.py)."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        "_build", ".venv", ".git", "_tags", "years", "__pycache__", ".pytest_cache", "tests"))
    ours = build_html(src, tmp_path / "ours")
    shutil.copy(HERE / "roots" / "test-upstream-bibtex" / "upstream_bibtex.py", src)
    conf = (src / "conf.py").read_text(encoding="utf-8")
    (src / "conf.py").write_text(
        conf + "\nsys.path.insert(0, str(Path(__file__).parent))\n"
        "extensions.append('upstream_bibtex')\n", encoding="utf-8")
    upstream = build_html(src, tmp_path / "upstream")
    assert ours.keys() == upstream.keys()
    assert [name for name in ours if ours[name] != upstream[name]] == []
    # and the comparison is not empty: memoir reference lists and citations are there
    page = ours[Path("memoirs/2020-retrospective.html")].decode("utf-8")
    assert 'role="doc-biblioentry"' in page or "citation" in page


def test_upstream_is_still_quadratic():
    """When this fails, sphinxcontrib-bibtex changed how it finds cited keys and filters
    entries: check whether _ext/handbook/bibscale.py is still needed (its docstring says why
    it exists) and remove it if a release made these linear."""
    assert "docnames.index" in inspect.getsource(BibtexDomain.get_all_cited_keys)
    assert "for citation_ref in self.citation_refs" in inspect.getsource(
        BibtexDomain.get_filtered_entries)
