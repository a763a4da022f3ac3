"""Site tests on the real handbook: pages, topic links and anchors, citations, sources."""

from __future__ import annotations

import re
from pathlib import Path

import pybtex.database
import pytest

from handbook import frontmatter

import sources
from html_page import HtmlPage

ROOT = Path(__file__).resolve().parent.parent
MEMOIRS = sorted((ROOT / "memoirs").glob("*.md"))
TOPICS = sorted((ROOT / "topics").glob("*.md"))


def load_conf() -> dict:
    namespace: dict = {"__file__": str(ROOT / "conf.py")}
    exec((ROOT / "conf.py").read_text(encoding="utf-8"), namespace)
    return namespace


def page(html: Path, docname: str) -> HtmlPage:
    return HtmlPage.read(html / f"{docname}.html")


def passages_in_source(path: Path) -> list[tuple[int, list[str]]]:
    found = []
    for item in sources.directives(path.read_text(encoding="utf-8"), "passage"):
        keys = item.token.info.strip()[len("{passage}"):].split()
        found.append((item.line, keys))
    return found


def test_the_strict_build_has_no_warnings(handbook_build):
    status, _, warnings = handbook_build
    assert status == 0 and warnings == "", warnings


@pytest.mark.parametrize("source", MEMOIRS, ids=lambda p: p.stem)
def test_every_memoir_page_is_built_with_its_header(handbook_html, source):
    values = sources.front_matter(source).values
    built = page(handbook_html, f"memoirs/{source.stem}")
    text = built.text
    assert values["title"] in text
    header = text[:text.index("원문 그대로")]
    assert "작성자" in header and "돌아본 해" in header
    assert (values["author"] if values["author"] != "unknown" else "작성자 미상") in header
    # The front page promises where each original was published, as far as it is known.
    from handbook.memoirs import PLATFORM_NAMES

    assert "원문" in header and ("읽는 시간" in header)
    assert values.get("source_url", "") in header or (
        f"{PLATFORM_NAMES[values['platform']]} 블로그에 실린 글" in header)
    if values.get("blog"):
        assert values["blog"] in header


def test_every_platform_has_a_name_in_the_header():
    from handbook.memoirs import PLATFORM_NAMES

    assert set(PLATFORM_NAMES) == set(frontmatter.PLATFORMS)


@pytest.mark.parametrize("source", MEMOIRS, ids=lambda p: p.stem)
def test_front_matter_follows_the_schema(source):
    conf = load_conf()
    fm = sources.front_matter(source)
    assert frontmatter.validate(fm, f"memoirs/{source.name}", conf["handbook_tags"]) == []
    assert re.fullmatch(rf"{fm.values['year']}-[a-z0-9-]+", source.stem)


@pytest.mark.parametrize("source", MEMOIRS, ids=lambda p: p.stem)
def test_no_raw_html_in_memoirs(source):
    found = [(f.line, f.token.content.strip()) for f in
             sources.raw_html(source.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize("topic", [p.stem for p in TOPICS])
def test_topic_page_links_to_every_memoir_marked_for_it(handbook_html, topic):
    topic_page = page(handbook_html, f"topics/{topic}")
    links = [h for h in topic_page.hrefs if h.startswith("../memoirs/") and "#" in h]
    marked = [m.stem for m in MEMOIRS
              if any(topic in keys for _, keys in passages_in_source(m))]
    assert marked, f"no memoir feeds topic {topic}"
    for memoir in marked:
        assert any(link.startswith(f"../memoirs/{memoir}.html#") for link in links), memoir
    # Every link lands on an anchor that exists in the memoir page.
    for link in links:
        target, anchor = link[len("../"):].split("#")
        assert anchor in HtmlPage.read(handbook_html / target).ids, link
    # Nothing links to a memoir that is not marked for the topic.
    assert {link[len("../memoirs/"):].split(".html")[0] for link in links} == set(marked)


def test_topic_lists_are_in_chronological_order(handbook_html):
    html = (handbook_html / "topics" / "career.html").read_text(encoding="utf-8")
    block = html[html.index("handbook-topic-passages"):]
    order = [m for m in re.findall(r'href="\.\./memoirs/([^".#]+)\.html"', block)]
    firsts = list(dict.fromkeys(order))
    assert firsts == sorted(firsts) and len(firsts) >= 4


@pytest.mark.parametrize("source", MEMOIRS, ids=lambda p: p.stem)
def test_memoir_links_back_to_every_topic_it_feeds(handbook_html, source):
    fed = {key for _, keys in passages_in_source(source) for key in keys}
    html = (handbook_html / "memoirs" / f"{source.stem}.html").read_text(encoding="utf-8")
    header = html[html.index("handbook-memoir-meta"):html.index("handbook-credit")]
    linked = set(re.findall(r'href="\.\./topics/([^"#]+)\.html"', header))
    assert fed and linked == fed


def test_every_citation_resolves_and_every_entry_is_cited(handbook_html):
    bib = pybtex.database.parse_file(str(ROOT / "references.bib"))
    cited: set[str] = set()
    for source in MEMOIRS:
        for role in sources.roles(source.read_text(encoding="utf-8"), "cite"):
            cited.update(k.strip() for k in role.token.content.split(","))
    assert cited <= set(bib.entries), cited - set(bib.entries)
    assert set(bib.entries) <= cited, f"unused entries: {set(bib.entries) - cited}"
    for source in MEMOIRS:
        built = page(handbook_html, f"memoirs/{source.stem}")
        cite_links = built.citation_hrefs
        expected = sum(len(r.token.content.split(",")) for r in
                       sources.roles(source.read_text(encoding="utf-8"), "cite"))
        assert len(cite_links) == expected, source.name
        # Citations resolve to the memoir's own reference list, on the same page.
        assert all(h.startswith("#") and h[1:] in built.ids for h in cite_links), source.name
    everything = " ".join(page(handbook_html, "bibliography").text.split()).lower()
    for entry in bib.entries.values():
        title = str(entry.fields["title"]).replace("{", "").replace("}", "")
        assert " ".join(title.split()).lower()[:25] in everything, title


def test_index_lists_memoirs_in_order_topics_and_tags(handbook_html):
    index = page(handbook_html, "index")
    memoir_links = [h for h in index.hrefs if h.startswith("memoirs/")]
    ordered = list(dict.fromkeys(h.split("#")[0] for h in memoir_links))
    assert ordered[:len(MEMOIRS)] == [f"memoirs/{m.stem}.html" for m in MEMOIRS]
    for topic in TOPICS:
        assert f"topics/{topic.stem}.html" in index.hrefs
    assert "_tags/tagsindex.html" in index.hrefs
    tags_index = page(handbook_html, "_tags/tagsindex")
    for key in load_conf()["handbook_tags"]:
        assert f"{key}.html" in tags_index.hrefs


def test_every_memoir_tag_page_lists_it(handbook_html):
    for source in MEMOIRS:
        for tag in sources.front_matter(source).values["tags"]:
            tag_page = page(handbook_html, f"_tags/{tag}")
            assert f"../memoirs/{source.stem}.html" in tag_page.hrefs


def test_interface_is_korean(handbook_html):
    html = (handbook_html / "memoirs" / "2020-retrospective.html").read_text(encoding="utf-8")
    assert '<html lang="ko"' in html
    assert "검색" in html  # Sphinx's own Korean catalogue
    # pydata-sphinx-theme's labels and the book theme's hard-coded and mistranslated ones,
    # from the handbook's catalogues and templates
    for korean, english in [("본문으로 건너뛰기", "Skip to main content"),
                            ("이 페이지의 내용", "On this page"), ("맨 위로", "Back to top"),
                            ("사이트 탐색 열기", "Toggle primary sidebar"),
                            ("이 페이지의 목차 열기", "Toggle secondary sidebar"),
                            ('placeholder="검색..."', "Search..."),
                            ('aria-label="사이트 탐색"', 'aria-label="Main"'),
                            ('aria-label="이 페이지의 내용"', 'aria-label="Page"'),
                            ("전체 화면으로 보기", "전체 화면으로보기"),
                            ("엮은이: parksunwoo, jerife, 계토 외 회고 작성자들", "으로 parksunwoo"),
                            ("© 각 회고의 저작권은 원저자에게 있습니다.", "© Copyright")]:
        assert korean in html and english not in html, (korean, english)


def test_one_search_control_and_no_empty_header(handbook_html):
    """navbar_persistent is empty: no header bar holding a second search field."""
    html = (handbook_html / "memoirs" / "2020-retrospective.html").read_text(encoding="utf-8")
    assert html.count("search-button-field") == 1
    header = html[html.index('<header id="pst-header"'):]
    assert re.sub(r"\s+", "", header[header.index(">") + 1:header.index("</header>")]) == ""


def test_korean_catalogue_is_compiled_from_its_po_file():
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    folder = ROOT / "_ext" / "handbook" / "locale" / "ko" / "LC_MESSAGES"
    for name in ("sphinx", "booktheme"):
        with open(folder / f"{name}.po", "rb") as po:
            catalog = read_po(po)
        compiled = BytesIO()
        write_mo(compiled, catalog)
        assert (folder / f"{name}.mo").read_bytes() == compiled.getvalue(), "run `make catalog`"


def test_required_topics_exist_and_added_topics_span_two_memoirs():
    fed: dict[str, set[str]] = {}
    for source in MEMOIRS:
        for _, keys in passages_in_source(source):
            for key in keys:
                fed.setdefault(key, set()).add(source.stem)
    topics = {p.stem for p in TOPICS}
    required = {"ecg", "deepfake", "mlops"}
    assert required <= topics
    for topic in topics - required:
        assert len(fed.get(topic, ())) >= 2, f"{topic} gathers from {sorted(fed.get(topic, ()))}"


def test_two_clean_builds_give_the_same_bytes(tmp_path):
    """Reproducible output: two clean builds, with different hash seeds, are byte-identical."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        subprocess.run([sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "-n", "-b",
                        "html", "-d", str(out / "doctrees"), str(ROOT), str(out / "html")],
                       check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append({p.relative_to(out / "html"): p.read_bytes()
                        for p in sorted((out / "html").rglob("*")) if p.is_file()})
    assert outputs[0].keys() == outputs[1].keys()
    assert [name for name in outputs[0] if outputs[0][name] != outputs[1][name]] == []


def test_only_the_search_page_loads_the_search_index(handbook_html):
    loaders = sorted(p.relative_to(handbook_html).as_posix()
                     for p in handbook_html.rglob("*.html") if "_static" not in p.parts
                     and "searchindex.js" in p.read_text(encoding="utf-8"))
    assert loaders == ["search.html"]


def test_topic_pages_have_a_heading_per_memoir_and_an_overview(handbook_html):
    html = (handbook_html / "topics" / "ecg.html").read_text(encoding="utf-8")
    body = html[html.index("handbook-topic-passages"):]
    assert re.search(r'<p class="handbook-topic-overview">20\d\d–20\d\d년의 회고 \d+편, 구절 \d+개</p>',
                     body)
    groups = re.findall(r'<section class="handbook-memoir-group" id="(memoir-[^"]+)">\s*<h2>', body)
    assert groups == ["memoir-2020-retrospective", "memoir-2023-data-whatever"]
    # the page's contents (secondary sidebar) list the groups
    toc = html[html.index("pst-page-toc-nav"):]
    assert [f"#{g}" for g in groups] == re.findall(r'href="(#memoir-[^"]+)"', toc)
    # no italic (emphasis) in the lists: section names are plain
    assert "<em>" not in body[:body.index("</article>") if "</article>" in body else None]


def test_in_text_citations_and_list_labels_use_the_same_words(handbook_html):
    checked = 0
    for source in MEMOIRS:
        html = (handbook_html / "memoirs" / f"{source.stem}.html").read_text(encoding="utf-8")
        labels = dict(re.findall(r'<div class="citation" id="([^"]+)" role="listitem">\s*'
                                 r'<span class="label"><span class="fn-bracket">\[</span>'
                                 r'(?:<a[^>]*>)?([^<]+)<', html))
        for target, text in re.findall(
                r'<a class="reference internal" href="#([^"]+)" title="[^"]*">([^<]+)</a>', html):
            if target in labels:
                assert text == labels[target], (source.stem, text, labels[target])
                checked += 1
    assert checked >= 10


def test_the_bibliography_page_says_which_memoirs_cite_each_work(handbook_html):
    html = (handbook_html / "bibliography.html").read_text(encoding="utf-8")
    items = re.findall(r"<li id=\"[^\"]+\"><p>.*?</li>", html, re.S)
    assert len(items) == len(pybtex.database.parse_file(ROOT / "references.bib").entries)
    for item in items:
        cited = re.search(r'<p class="handbook-cited-by">인용한 회고: (.*?)</p>', item, re.S)
        assert cited, item[:200]
        assert re.findall(r'href="memoirs/[^"]+\.html"', cited.group(1))


def test_each_memoir_shows_its_reading_time_and_the_editors_title_note(handbook_html):
    for source in MEMOIRS:
        html = (handbook_html / "memoirs" / f"{source.stem}.html").read_text(encoding="utf-8")
        assert re.search(r"읽는 시간<span class=\"colon\">:</span></dt>\s*<dd[^>]*><p>약 [1-9]\d*분",
                         html), source.stem
        note = sources.front_matter(source).values.get("title_note")
        if note:
            assert re.search(r"제목<span class=\"colon\">:</span></dt>\s*<dd[^>]*><p>"
                             + re.escape(note), html)


def test_reading_time_rule():
    """Characters without spaces, 500 a minute, rounded up; at least one minute."""
    from docutils import nodes as dn

    from handbook.memoirs import CHARACTERS_PER_MINUTE, reading_minutes

    def doc(text: str):
        document = dn.document(None, None)
        document += dn.paragraph(text=text)
        return document

    assert CHARACTERS_PER_MINUTE == 500
    assert reading_minutes(doc("가" * 500)) == 1
    assert reading_minutes(doc("가 " * 501)) == 2
    assert reading_minutes(doc("짧다")) == 1


def test_pages_describe_themselves_and_have_a_favicon(handbook_html):
    import html as htmllib

    for source in MEMOIRS:
        page = (handbook_html / "memoirs" / f"{source.stem}.html").read_text(encoding="utf-8")
        found = re.search(r'<meta name="description" content="([^"]*)" />', page)
        assert found and htmllib.unescape(found.group(1)) == \
            sources.front_matter(source).values["summary"]
    for topic in TOPICS:
        page = (handbook_html / "topics" / f"{topic.stem}.html").read_text(encoding="utf-8")
        assert re.search(r'<meta name="description" content="[^"]{20,}" />', page), topic.stem
    index = (handbook_html / "index.html").read_text(encoding="utf-8")
    icon = re.search(r'<link rel="icon" href="([^"]+)"', index)
    assert icon and (handbook_html / icon.group(1)).is_file()
    assert not (handbook_html / "genindex.html").exists()
