"""Every sentence and link of each original blog export (sources/) reaches the reader:
on its memoir's web page, in the PDF and in the EPUB."""

from __future__ import annotations

import zipfile

import pytest

import fidelity
from printbook import pdftotext

SOURCES = sorted(fidelity.SOURCES.glob("*.txt"))


def test_every_memoir_has_its_source_and_every_source_its_memoir():
    memoirs = sorted(p.stem for p in (fidelity.ROOT / "memoirs").glob("*.md"))
    assert [p.stem for p in SOURCES] == memoirs
    # a source that lost its text would pass every check below
    assert all(len(fidelity.segments_and_urls(p)[0]) >= 50 for p in SOURCES)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_sentence_and_link_is_on_the_memoir_page(source, handbook_html):
    page = (handbook_html / "memoirs" / f"{source.stem}.html").read_text(encoding="utf-8")
    text, targets = fidelity.page_text(page)
    assert fidelity.missing(source, text, targets) == []


def test_the_check_finds_a_lost_sentence(handbook_html):
    source = fidelity.SOURCES / "2021-busy-year.txt"
    page = (handbook_html / "memoirs" / "2021-busy-year.html").read_text(encoding="utf-8")
    text, targets = fidelity.page_text(page.replace("마의 구간 90을 돌파해버렸다", "90을 넘었다"))
    assert fidelity.missing(source, text, targets) == ["결국 마의 구간 90을 돌파해버렸다."]


def test_every_sentence_is_in_the_pdf(handbook_pdf):
    text = fidelity.norm(pdftotext(handbook_pdf.path))
    for source in SOURCES:
        assert fidelity.missing(source, text) == [], source.name


def test_every_sentence_is_in_the_epub(handbook_epub):
    with zipfile.ZipFile(handbook_epub.path) as epub:
        for source in SOURCES:
            document = epub.read(f"memoirs/{source.stem}.xhtml").decode("utf-8")
            text, _ = fidelity.page_text(document, whole=True)
            assert fidelity.missing(source, text) == [], source.name
