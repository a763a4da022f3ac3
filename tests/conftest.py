"""Shared fixtures: Sphinx's testing fixtures, test roots, and one build of the real handbook."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

pytest_plugins = ("sphinx.testing.fixtures",)

IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_configure(config):
    # sphinx-book-theme 1.4 still reads ``Transform.app``, deprecated in Sphinx 9: not ours.
    config.addinivalue_line(
        "filterwarnings", "ignore:.*HandleFootnoteTransform.app.*:sphinx.deprecation.RemovedInSphinx11Warning")
    # MyST-Parser 5.2 reads ``MystReferenceResolver.app`` as well: not ours either.
    config.addinivalue_line(
        "filterwarnings", "ignore:.*MystReferenceResolver.app.*:sphinx.deprecation.RemovedInSphinx11Warning")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds ``test-<name>`` roots."""
    return Path(__file__).parent / "roots"


@pytest.fixture
def copy_root(tmp_path):
    """Copy test root ``name`` to a fresh folder and return it (for builds run twice)."""

    def copy(name: str) -> Path:
        dest = tmp_path / name
        shutil.copytree(Path(__file__).parent / "roots" / f"test-{name}", dest)
        return dest

    return copy


def require_tool(name: str, install_hint: str) -> str:
    """Path of an external tool; skip without it locally, fail without it in CI."""
    path = shutil.which(name)
    if path is None:
        message = f"`{name}` is not installed: run {install_hint}"
        if IN_CI:
            pytest.fail(message + " (CI=true: a missing tool is a failure, not a skip)")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def handbook_build(tmp_path_factory):
    """Build the real handbook once (strict, like `make html`); return (outdir, warnings)."""
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("handbook")
    html, doctrees = out / "html", out / "doctrees"
    warnfile = out / "warnings.txt"
    status = build_main(["-W", "--keep-going", "-n", "-q", "-b", "html", "-d", str(doctrees),
                         "-w", str(warnfile), str(ROOT), str(html)])
    return status, html, warnfile.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def handbook_html(handbook_build) -> Path:
    """The built HTML of the real handbook (the build must be clean)."""
    status, html, warnings = handbook_build
    assert status == 0, f"the strict HTML build failed:\n{warnings}"
    return html


# -- The printed book and the e-book: one build of each per session ----------------------------

@pytest.fixture(scope="session")
def handbook_pdf(tmp_path_factory):
    """`make pdf` on the real handbook (sphinx-build -M latexpdf, strict); a printbook.Book."""
    import printbook

    for tool in printbook.PDF_TOOLS:
        require_tool(tool, printbook.INSTALL_HINT)
    out = tmp_path_factory.mktemp("pdf")
    result, warnings = printbook.build_with_make_mode("latexpdf", out)
    result.check()
    return printbook.Book(out / "latex" / "handbook.pdf", out / "latex", warnings,
                          result.seconds)


@pytest.fixture(scope="session")
def handbook_epub(tmp_path_factory):
    """`make epub` on the real handbook (sphinx-build -M epub, strict); a printbook.Book."""
    import printbook

    out = tmp_path_factory.mktemp("epub")
    result, warnings = printbook.build_with_make_mode("epub", out)
    result.check()
    return printbook.Book(out / "epub" / "handbook.epub", out / "epub", warnings,
                          result.seconds)
