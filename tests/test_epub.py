"""The e-book: `make epub` on the real handbook (one build per session, see conftest.py)."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import require_tool
from handbook import frontmatter

import sources
from printbook import CREDIT, INSTALL_HINT, ROOT


@pytest.fixture(scope="module")
def epub(handbook_epub) -> zipfile.ZipFile:
    with zipfile.ZipFile(handbook_epub.path) as book:
        yield book


def text(book: zipfile.ZipFile, name: str) -> str:
    return book.read(name).decode("utf-8")


def epubcheck_command() -> list[str]:
    path = Path(require_tool("epubcheck", INSTALL_HINT)).resolve()
    if path.suffix == ".jar":
        # Debian installs epubcheck as a jar, run through binfmt where that is set up.
        return [require_tool("java", INSTALL_HINT), "-jar", str(path)]
    return [str(path)]


def test_the_build_reports_no_warning(handbook_epub):
    assert handbook_epub.warnings == ""
    assert handbook_epub.path.name == "handbook.epub"


def test_metadata_is_korean(epub):
    opf = text(epub, "content.opf")
    namespace: dict = {"__file__": str(ROOT / "conf.py")}
    exec((ROOT / "conf.py").read_text(encoding="utf-8"), namespace)
    assert "<dc:language>ko</dc:language>" in opf
    assert 'xml:lang="ko"' in opf
    assert f"<dc:title>{namespace['project']}</dc:title>" in opf
    assert f"<dc:creator>{CREDIT}</dc:creator>" in opf


def test_contents_list_the_memoirs_in_order_then_topics(epub):
    assert "<h1>차례</h1>" in text(epub, "nav.xhtml")
    nav = re.sub(r"<[^>]+>", "\n", text(epub, "nav.xhtml"))
    entries = [line.strip() for line in nav.splitlines() if line.strip()]
    memoirs = sorted(
        ((sources.front_matter(p).values, p)
         for p in (ROOT / "memoirs").glob("*.md")),
        key=lambda item: (frontmatter.sort_key(item[0]), item[1].stem))
    titles = [values["title"] for values, _ in memoirs]
    positions = [entries.index(title) for title in titles]
    assert positions == sorted(positions)
    topic = next(line[2:].strip() for line in
                 (ROOT / "topics" / "career.md").read_text(encoding="utf-8").splitlines()
                 if line.startswith("# "))
    assert entries.index(topic) > positions[-1]


def test_remote_images_are_placeholders_not_remote_resources(epub):
    pages = {name: text(epub, name) for name in epub.namelist() if name.endswith(".xhtml")}
    assert not [name for name, page in pages.items() if re.search(r'<img[^>]+src="https?:', page)]
    placeholders = sum(page.count("handbook-remote-image") for page in pages.values())
    assert placeholders == len(re.findall(r"```\{figure\} https?://", "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "memoirs").glob("*.md"))))


def test_epubcheck_passes(handbook_epub):
    command = epubcheck_command()
    out = subprocess.run([*command, str(handbook_epub.path)], capture_output=True, text=True)
    report = out.stdout + out.stderr
    assert out.returncode == 0, report
    assert re.search(r"0 fatals / 0 errors / 0 warnings", report), report
