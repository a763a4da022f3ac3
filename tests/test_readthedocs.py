"""Read the Docs: its configuration file, and its own build commands giving the same book.

Read the Docs does not run the Makefile. It runs the command sequences below, with
``-D language=`` from the project's settings, in a checkout of the repository; the tests run
them in a copy of the source tree and compare the result with what `make` builds.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

from conftest import require_tool
from printbook import (INSTALL_HINT, PDF_TOOLS, ROOT, copy_source_tree, pdf_outline,
                       pdfinfo, pdftotext, run, squash)

CONFIG = ROOT / ".readthedocs.yaml"
# Read the Docs' schema, vendored with its licence note (tests/data/README.md).
SCHEMA = ROOT / "tests" / "data" / "readthedocs-config-schema-v2.json"
SLUG = "ml-memoir-handbook"  # the project's slug on Read the Docs names the PDF


def rtd_html(out: Path) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-b", "html", "-d",
            "_build/doctrees", "-D", "language=ko", ".", str(out / "html")]


def rtd_latex(out: Path) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-T", "-b", "latex", "-d", "_build/doctrees", "-D",
            "language=ko", ".", str(out / "pdf")]


RTD_LATEXMK = ["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-",
               f"-jobname={SLUG}", "-interaction=nonstopmode"]


# -- The configuration file --------------------------------------------------------------------

@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def test_config_builds_the_book_as_the_issue_asks(config):
    assert config["version"] == 2
    assert config["build"]["tools"]["python"] in ("3.11", "3.12")
    assert config["sphinx"] == {"configuration": "conf.py", "fail_on_warning": True}
    assert sorted(config["formats"]) == ["epub", "pdf"]
    assert config["python"] == {"install": [{"requirements": "requirements.txt"}]}
    packages = config["build"].get("apt_packages", [])
    assert all(isinstance(p, str) and re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", p)
               for p in packages)
    # The system packages named there are ones the local install script installs too.
    script = (ROOT / "scripts" / "install-system-deps.sh").read_text(encoding="utf-8")
    assert all(re.search(rf"\b{re.escape(p)}\b", script) for p in packages)


def test_config_validates_against_read_the_docs_schema(config):
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(config, schema)
    # The schema does reject a wrong configuration (so this test can fail).
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**config, "formats": ["htmlzip", "docx"]}, schema)
    assert CONFIG.with_name(config["sphinx"]["configuration"]).is_file()
    assert CONFIG.with_name(config["python"]["install"][0]["requirements"]).is_file()


# -- Read the Docs' command sequences ----------------------------------------------------------

@pytest.fixture(scope="module")
def rtd(tmp_path_factory) -> Path:
    """Read the Docs' HTML and PDF sequences, in that order, in a copy of the source tree.

    Returns the output folder (``_readthedocs`` in the checkout, as on Read the Docs).
    """
    for tool in PDF_TOOLS:
        require_tool(tool, INSTALL_HINT)
    checkout = copy_source_tree(tmp_path_factory.mktemp("rtd") / "checkout")
    out = checkout / "_readthedocs"
    run(rtd_html(out), checkout).check()
    run(rtd_latex(out), checkout).check()
    pdf_dir = out / "pdf"
    tex = sorted(pdf_dir.glob("*.tex"))
    assert len(tex) == 1, f"Read the Docs allows exactly one .tex file: {tex}"
    # -f: Read the Docs goes on through LaTeX errors; the PDF is then checked below.
    run(RTD_LATEXMK, pdf_dir)
    return out


def test_html_sequence_builds_the_same_pages_as_make(rtd, handbook_html):
    def pages(folder: Path) -> set[str]:
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")}

    assert pages(rtd / "html") == pages(handbook_html)


def test_pdf_sequence_builds_the_same_book_as_make(rtd, handbook_pdf):
    pdf = rtd / "pdf" / f"{SLUG}.pdf"
    assert pdf.is_file()
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    assert not re.findall(r"^! .*", log, re.M), "LaTeX errors in Read the Docs' run"
    # The same chapters and bookmarks, the same number of pages, the same text (the title
    # page's date aside, should the two builds straddle midnight).
    assert pdf_outline(pdf) == pdf_outline(handbook_pdf.path)
    assert pdfinfo(pdf)["Pages"] == pdfinfo(handbook_pdf.path)["Pages"]

    def text(path: Path) -> str:
        return re.sub(r"\d{4}년\d{1,2}월\d{1,2}일", "", squash(pdftotext(path)), count=1)

    assert text(pdf) == text(handbook_pdf.path)
