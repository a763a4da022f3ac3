"""The handbook extension on small MyST test roots (tests/roots/test-*)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook.passages import passage_id

#: The anchor of the first test memoir's passage, derived from its summary.
ALPHA = passage_id("alpha ecg passage")


def topic_links(outdir: Path, topic: str) -> list[tuple[str, str]]:
    """(href, link text) of every passage link generated on a topic page, in page order."""
    html = (outdir / "topics" / f"{topic}.html").read_text(encoding="utf-8")
    start = html.index("handbook-topic-passages")
    block = html[start:html.index("</article>", start)]
    return re.findall(r'<li id="[^"]+"><p><a class="reference internal" href="([^"]+)"[^>]*>'
                      r'<span[^>]*>([^<]*)</span>', block)


def passages(app) -> dict[str, list[tuple[str, tuple[str, ...], str]]]:
    data = app.env.get_domain("handbook").passages
    return {doc: [(p.id, p.topics, p.summary) for p in items]
            for doc, items in sorted(data.items())}


def build(make_app, srcdir: Path, **kwargs):
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    return app


def test_passages_are_collected_across_documents(make_app, copy_root):
    app = build(make_app, copy_root("passages"))
    assert passages(app) == {
        "memoirs/2020-a": [(ALPHA, ("ecg",), "alpha ecg passage")],
        "memoirs/2021-b": [("beta", ("ecg", "mlops"), "beta passage")],
    }
    # Grouped by memoir in chronological order, each link to the passage's own anchor.
    assert topic_links(app.outdir, "ecg") == [
        (f"../memoirs/2020-a.html#{ALPHA}", "alpha ecg passage"),
        ("../memoirs/2021-b.html#beta", "beta passage"),
    ]
    assert topic_links(app.outdir, "mlops") == [("../memoirs/2021-b.html#beta", "beta passage")]
    # The anchor sits on the paragraph the marker precedes.
    page_a = (app.outdir / "memoirs" / "2020-a.html").read_text(encoding="utf-8")
    assert re.search(rf'<p id="{ALPHA}">Alpha paragraph\. ', page_a)
    # ... and the topics it feeds stand right before it, each linking to its topic entry
    assert re.search(rf'<p class="handbook-passage-topics no-search">이 대목이 실린 주제: <a class="reference '
                     rf'internal" href="../topics/ecg.html#2020-a--{ALPHA}"', page_a)
    topic = (app.outdir / "topics" / "ecg.html").read_text(encoding="utf-8")
    assert f'<li id="2020-a--{ALPHA}">' in topic
    # A memoir links back to every topic it feeds.
    page_b = (app.outdir / "memoirs" / "2021-b.html").read_text(encoding="utf-8")
    header = page_b[page_b.index("handbook-memoir-meta"):]
    assert 'href="../topics/ecg.html"' in header and 'href="../topics/mlops.html"' in header
    assert "작성자 미상" in header and "2022년 1월" in header
    assert app.warning.getvalue() == ""


def test_parallel_build_collects_the_same_as_serial(make_app, copy_root, tmp_path):
    serial = build(make_app, copy_root("passages"))
    parallel_src = tmp_path / "parallel"
    parallel_src.mkdir()
    import shutil
    shutil.copytree(serial.srcdir, parallel_src, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("_build"))
    parallel = build(make_app, parallel_src, parallel=2)
    assert parallel.parallel == 2
    assert passages(parallel) == passages(serial)
    assert parallel.env.get_domain("handbook").memoirs == serial.env.get_domain("handbook").memoirs
    for topic in ("ecg", "mlops"):
        assert topic_links(parallel.outdir, topic) == topic_links(serial.outdir, topic)


def test_editing_a_passage_updates_the_topic_page(make_app, copy_root):
    srcdir = copy_root("passages")
    first = build(make_app, srcdir)
    assert (f"../memoirs/2020-a.html#{ALPHA}", "alpha ecg passage") in topic_links(
        first.outdir, "ecg")
    memoir = srcdir / "memoirs" / "2020-a.md"
    memoir.write_text(memoir.read_text(encoding="utf-8").replace(
        "alpha ecg passage", "alpha edited"), encoding="utf-8")
    second = build(make_app, srcdir)
    # The topic page is not the memoir's toctree parent, yet it was rewritten.
    assert topic_links(second.outdir, "ecg")[0] == (f"../memoirs/2020-a.html#{passage_id('alpha edited')}",
                                                    "alpha edited")


def test_incremental_build_rereads_only_the_edited_memoir(make_app, copy_root):
    srcdir = copy_root("passages")
    build(make_app, srcdir)
    memoir = srcdir / "memoirs" / "2020-a.md"
    memoir.write_text(memoir.read_text(encoding="utf-8").replace("Alpha", "Gamma"),
                      encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    reread = []
    app.connect("env-before-read-docs", lambda app, env, docnames: reread.extend(docnames))
    app.build()
    assert reread == ["memoirs/2020-a"]
    assert "Gamma paragraph" in (app.outdir / "memoirs" / "2020-a.html").read_text("utf-8")


def test_deleting_a_document_removes_its_passages(make_app, copy_root):
    srcdir = copy_root("passages")
    build(make_app, srcdir)
    (srcdir / "memoirs" / "2021-b.md").unlink()
    app = build(make_app, srcdir)
    assert passages(app) == {"memoirs/2020-a": [(ALPHA, ("ecg",), "alpha ecg passage")]}
    assert topic_links(app.outdir, "ecg") == [(f"../memoirs/2020-a.html#{ALPHA}",
                                               "alpha ecg passage")]
    # The mlops topic lost its only passage: the build says so, with the place.
    assert re.search(r"topics/mlops\.md:\d+: WARNING: topic `mlops` gathers no passage",
                     app.warning.getvalue())


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_tag_pages_are_generated_once_and_list_memoirs(make_app, copy_root):
    srcdir = copy_root("passages")
    app = build(make_app, srcdir)
    tag_page = srcdir / "_tags" / "research.md"
    mtime = tag_page.stat().st_mtime_ns
    html = (app.outdir / "_tags" / "research.html").read_text(encoding="utf-8")
    assert html.index("2020-a.html") < html.index("2021-b.html")
    build(make_app, srcdir)
    assert tag_page.stat().st_mtime_ns == mtime, "an unchanged tag page was rewritten"


# -- the gate: a failed build fails again; incremental builds say what clean builds say -------

def html_build(srcdir: Path, builddir: Path) -> tuple[list[str], str | None]:
    """An incremental strict HTML build of ``srcdir`` into ``builddir``: its warning lines."""
    from handbook import check

    text, fatal = check.build(srcdir, "html", builddir)
    return sorted(line.replace(f"{srcdir}/", "") for line in text.splitlines()
                  if "WARNING" in line), fatal


def test_a_failed_build_fails_again_until_the_input_is_fixed(copy_root, tmp_path):
    srcdir = copy_root("passages")
    replace_in(srcdir / "memoirs" / "2020-a.md", "Alpha paragraph.", "Alpha <b>x</b>.")
    replace_in(srcdir / "references.bib", "  url = {https://example.org/x},\n", "")
    first, _ = html_build(srcdir, tmp_path / "b")
    assert len(first) == 3, first
    assert html_build(srcdir, tmp_path / "b")[0] == first
    assert html_build(srcdir, tmp_path / "b")[0] == first
    replace_in(srcdir / "memoirs" / "2020-a.md", "Alpha <b>x</b>.", "Alpha x.")
    replace_in(srcdir / "references.bib", "  year = {2020},\n",
               "  year = {2020},\n  url = {https://example.org/x},\n")
    assert html_build(srcdir, tmp_path / "b")[0] == []
    assert html_build(srcdir, tmp_path / "b")[0] == []


def test_a_failed_write_phase_warning_repeats_too(copy_root, tmp_path):
    """A citation key that is not in references.bib is reported while writing."""
    srcdir = copy_root("passages")
    replace_in(srcdir / "memoirs" / "2020-a.md", "`doe2020x`", "`doe2020y`")
    first, _ = html_build(srcdir, tmp_path / "b")
    assert any("bibtex.key_not_found" in line for line in first), first
    assert html_build(srcdir, tmp_path / "b")[0] == first


@pytest.mark.parametrize("change", ["delete-topic", "add-topic"])
def test_incremental_topic_changes_say_what_a_clean_build_says(copy_root, tmp_path, change):
    srcdir = copy_root("passages")
    if change == "add-topic":
        replace_in(srcdir / "memoirs" / "2020-a.md", "{passage} ecg", "{passage} ecg nlp")
    html_build(srcdir, tmp_path / "incremental")
    if change == "delete-topic":
        (srcdir / "topics" / "mlops.md").unlink()
    else:
        (srcdir / "topics" / "nlp.md").write_text("# Topic nlp\n\n```{topic-passages}\n```\n",
                                                 encoding="utf-8")
    incremental, _ = html_build(srcdir, tmp_path / "incremental")
    clean, _ = html_build(srcdir, tmp_path / "clean")
    assert incremental == clean
    if change == "delete-topic":
        assert any("unknown topic key `mlops`" in line for line in clean), clean
    else:
        assert clean == []


def test_a_renamed_memoir_leaves_no_stale_page(copy_root, tmp_path):
    srcdir = copy_root("passages")
    html_build(srcdir, tmp_path / "b")
    out = tmp_path / "b" / "html"
    assert (out / "memoirs" / "2021-b.html").exists()
    (srcdir / "memoirs" / "2021-b.md").rename(srcdir / "memoirs" / "2021-beta.md")
    assert html_build(srcdir, tmp_path / "b")[0] == []
    assert not (out / "memoirs" / "2021-b.html").exists()
    assert not (out / "_sources" / "memoirs" / "2021-b.md.txt").exists()
    # every page's navigation (and the topic lists) point at the new name only
    for page in sorted(out.rglob("*.html")):
        if "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        assert "2021-b.html" not in text, page
    assert "2021-beta.html" in (out / "topics" / "ecg.html").read_text(encoding="utf-8")
    assert "2021-beta.html" in (out / "index.html").read_text(encoding="utf-8")


# -- navigation: year pages and a sidebar that does not grow with the handbook -----------------

def sidebar_links(page: Path) -> list[tuple[str, str]]:
    """(href, text) of every link in a page's sidebar navigation, in order."""
    html = page.read_text(encoding="utf-8")
    start = html.index('class="bd-links bd-docs-nav"')
    block = html[start:html.index("</nav>", start)]
    return re.findall(r'<a class="reference internal" href="([^"]*)"[^>]*>([^<]*)</a>', block)


def test_year_pages_list_their_memoirs_and_the_sidebar_shows_the_current_year(make_app,
                                                                              copy_root):
    app = build(make_app, copy_root("passages"))
    out = app.outdir
    year_2020 = (out / "years" / "2020.html").read_text(encoding="utf-8")
    assert "2020년을 돌아본 회고" in year_2020 and "../memoirs/2020-a.html" in year_2020
    assert "../memoirs/2021-b.html" not in year_2020
    links = sidebar_links(out / "memoirs" / "2020-a.html")
    texts = [text for _, text in links]
    # the timeline, the years, the current year's memoirs under it, then the topics
    assert texts[1:6] == ["연도별 회고", "2020년 (1편)", "A", "2021년 (1편)", "Topic ecg"]
    assert ("#", "A") in links and ("../years/2021.html", "2021년 (1편)") in links
    # a topic page lists no memoir at all
    assert [t for _, t in sidebar_links(out / "topics" / "ecg.html")
            if t in ("A", "B")] == []


def test_the_sidebar_lists_at_most_a_window_of_one_year(make_app, copy_root):
    from handbook import nav

    srcdir = copy_root("passages")
    text = (srcdir / "memoirs" / "2020-a.md").read_text(encoding="utf-8")
    for i in range(1, nav.WINDOW + 5):
        (srcdir / "memoirs" / f"2020-a{i}.md").write_text(
            text.replace("title: A", f"title: A{i}").replace("# A\n", f"# A{i}\n")
            .replace(":summary: alpha ecg passage", f":summary: a{i}\n:name: a{i}"),
            encoding="utf-8")
    app = build(make_app, srcdir)
    links = sidebar_links(app.outdir / "memoirs" / "2020-a10.html")
    memoirs = [t for _, t in links if re.fullmatch(r"A\d*", t)]
    assert len(memoirs) == nav.WINDOW and "A10" in memoirs
    assert ("../years/2020.html", f"2020년 회고 {nav.WINDOW + 5}편 모두 보기") in links


# -- selective rewrites: an edit rewrites only the pages whose content it changes --------------

def written_after(make_app, srcdir: Path, edit) -> set[str]:
    """Build, make ``edit``, build again; the documents the second build wrote."""
    build(make_app, srcdir)
    edit()
    app = make_app("html", srcdir=srcdir)
    written: list[str] = []
    app.connect("html-page-context", lambda app, page, *rest: written.append(page))
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    return {page for page in written if page in app.env.all_docs}


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("Alpha paragraph.", "Alpha paragraph, edited.", {"memoirs/2020-a"}),
    ("alpha ecg passage", "alpha edited", {"memoirs/2020-a", "topics/ecg"}),
    ("summary: 첫 회고", "summary: 첫 회고 (고침)", {"memoirs/2020-a", "_tags/research",
                                               "years/2020", "topics/ecg"}),
])
def test_an_edit_rewrites_only_the_pages_it_changes(make_app, copy_root, old, new, expected):
    srcdir = copy_root("passages")
    memoir = srcdir / "memoirs" / "2020-a.md"
    assert written_after(make_app, srcdir, lambda: replace_in(memoir, old, new)) == expected


def test_a_topic_title_change_reaches_the_memoir_headers(make_app, copy_root):
    srcdir = copy_root("passages")
    written = written_after(make_app, srcdir, lambda: replace_in(
        srcdir / "topics" / "ecg.md", "# Topic ecg", "# 심전도"))
    assert "memoirs/2020-a" in written and "memoirs/2021-b" in written
    page = (srcdir / "_build" / "html" / "memoirs" / "2021-b.html")
    header = page.read_text(encoding="utf-8").split("handbook-memoir-meta", 1)[1]
    assert "심전도" in header.split("</div>", 1)[0]


def test_touching_references_bib_reads_nothing_and_an_entry_edit_rewrites_its_citers(
        make_app, copy_root):
    srcdir = copy_root("passages")
    bib = srcdir / "references.bib"
    assert written_after(make_app, srcdir, lambda: bib.write_text(
        bib.read_text(encoding="utf-8") + "\n", encoding="utf-8")) == set()
    written = written_after(make_app, srcdir,
                            lambda: replace_in(bib, "A Test Entry", "An Edited Entry"))
    assert written == {"memoirs/2020-a"}
    page = (srcdir / "_build" / "html" / "memoirs" / "2020-a.html").read_text(encoding="utf-8")
    assert "An edited entry" in page


def test_passage_anchors_stay_when_a_passage_is_inserted_above(make_app, copy_root):
    srcdir = copy_root("passages")
    first = build(make_app, srcdir)
    before = {p.summary: p.id for p in first.env.get_domain("handbook").passages["memoirs/2021-b"]}
    replace_in(srcdir / "memoirs" / "2021-b.md", "## Part\n",
               "## Part\n\n```{passage} ecg\n:summary: inserted above\n```\nNew text.\n")
    second = build(make_app, srcdir)
    after = {p.summary: p.id for p in second.env.get_domain("handbook").passages["memoirs/2021-b"]}
    assert set(after) == set(before) | {"inserted above"}
    assert all(after[summary] == anchor for summary, anchor in before.items())
    first_page = (first.outdir / "memoirs" / "2020-a.html").read_text(encoding="utf-8")
    assert f'id="{ALPHA}"' in first_page


def test_a_marker_before_a_list_item_keeps_the_list_one_list(make_app, copy_root):
    srcdir = copy_root("passages")
    replace_in(srcdir / "memoirs" / "2020-a.md", "Alpha paragraph.", "Alpha paragraph.\n\n"
               "- first item\n\n```{passage} ecg\n:summary: second item\n```\n"
               "- second item\n\n```{passage} mlops\n:summary: third item\n```\n"
               "- third item\n")
    app = build(make_app, srcdir)
    page = (app.outdir / "memoirs" / "2020-a.html").read_text(encoding="utf-8")
    lists = re.findall(r"<ul[^>]*>.*?</ul>", page[page.index("first item") - 200:], re.S)
    assert "second item" in lists[0] and "third item" in lists[0]
    assert f'<li id="{passage_id("second item")}"><p class="handbook-passage-topics no-search">' in page


# -- What search ranks by (searchrank.py) ---------------------------------------------------


def search_data(outdir: Path) -> tuple[dict, dict]:
    """(searchindex.js, searchweights.js) of a build, as data."""
    import json

    index = (outdir / "searchindex.js").read_text(encoding="utf-8")
    weights = (outdir / "searchweights.js").read_text(encoding="utf-8")
    return (json.loads(index[len("Search.setIndex("):-1]),
            json.loads(weights[len("var HandbookSearchWeights = "):-2]))


def docs_with(index: dict, term: str) -> set[str]:
    files = index["terms"].get(term, [])
    return {index["docnames"][f] for f in (files if isinstance(files, list) else [files])}


def test_search_counts_words_and_indexes_the_header_only_as_keywords(make_app, copy_root):
    srcdir = copy_root("passages")
    memoir = srcdir / "memoirs" / "2020-a.md"
    memoir.write_text(memoir.read_text(encoding="utf-8").replace(
        "Alpha paragraph.", "심전도 신호를 모았다. 신호는 약했다. 신호 처리를 배웠다.\n\nAlpha paragraph."),
        encoding="utf-8")
    app = build(make_app, srcdir)
    index, weights = search_data(Path(app.outdir))
    counts = {term: {weights["docnames"][doc]: n for doc, n in entries}
              for term, entries in weights["counts"].items()}
    # How often: three uses of 신호 (with and without particles), once is not listed.
    assert counts["신호"] == {"memoirs/2020-a": 3}
    assert "memoirs/2020-a" not in counts.get("심전도", {})
    # Where: the header's labels and credit line are not page text...
    header_only = ("작성자", "돌아본", "원문", "저작권")
    assert [t for t in header_only if "memoirs/2020-a" in docs_with(index, t)] == []
    # ...but its names are the page's keywords, indexed whole: the author, the year, the topic
    # and tag names.
    page = (Path(app.outdir) / "memoirs" / "2020-a.html").read_text(encoding="utf-8")
    keywords = re.search(r'<meta content="([^"]*)" name="keywords"', page).group(1)
    topic_title = app.env.titles["topics/ecg"].astext()
    assert keywords.split(", ") == ["alice", "2020년", topic_title, "연구"]
    assert "memoirs/2020-a" in docs_with(index, topic_title.lower())
    # The search page loads the weights; no other page does.
    assert "searchweights.js" in (Path(app.outdir) / "search.html").read_text(encoding="utf-8")
    assert "searchweights.js" not in page


def test_search_counts_follow_an_edit(make_app, copy_root):
    srcdir = copy_root("passages")
    memoir = srcdir / "memoirs" / "2021-b.md"
    build(make_app, srcdir)
    memoir.write_text(memoir.read_text(encoding="utf-8") + "\n딥러닝 딥러닝 딥러닝\n",
                      encoding="utf-8")
    app = build(make_app, srcdir)
    _, weights = search_data(Path(app.outdir))
    assert [[weights["docnames"][d], n] for d, n in weights["counts"]["딥러닝"]] == [
        ["memoirs/2021-b", 3]]


# -- 같은 주제의 다른 회고 (related.py) ---------------------------------------------------------


def related_list(outdir: Path, memoir: str) -> list[tuple[str, str]]:
    """(href, shared topics line) of each entry of a memoir's related list, in order."""
    html = (outdir / "memoirs" / f"{memoir}.html").read_text(encoding="utf-8")
    if "같은 주제의 다른 회고" not in html:
        return []
    block = html[html.index("같은 주제의 다른 회고"):]
    block = block[:block.index("</ul>")]
    return re.findall(r'<a class="reference internal" href="([^"]+)".*?'
                      r'<p class="handbook-related-topics">([^<]*)</p>', block, re.S)


def test_a_memoir_ends_with_the_memoirs_sharing_its_topics(make_app, copy_root):
    srcdir = copy_root("passages")
    (srcdir / "memoirs" / "2022-c.md").write_text(
        "---\ntitle: C\nauthor: carol\nyear: 2022\nplatform: jekyll\nsummary: 셋째\n---\n# C\n\n"
        "```{passage} mlops ecg\n:summary: gamma passage\n```\nGamma paragraph.\n",
        encoding="utf-8")
    app = build(make_app, srcdir)
    assert app.statuscode == 0, app.warning.getvalue()
    out = Path(app.outdir)
    ecg, mlops = (app.env.titles[f"topics/{t}"].astext() for t in ("ecg", "mlops"))
    # Most shared topics first (C shares two with B, A one), the topics in the page's order.
    assert related_list(out, "2021-b") == [
        ("2022-c.html", f"함께 다루는 주제: {ecg}, {mlops}"),
        ("2020-a.html", f"함께 다루는 주제: {ecg}")]
    assert related_list(out, "2020-a") == [("2021-b.html", f"함께 다루는 주제: {ecg}"),
                                           ("2022-c.html", f"함께 다루는 주제: {ecg}")]
    # The list is a heading of its own, at the end of the page, and not search text.
    page = (out / "memoirs" / "2020-a.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 class="[^"]*rubric[^"]*">같은 주제의 다른 회고</h2>', page)
    assert page.index("같은 주제의 다른 회고") > page.index("Alpha paragraph")
    index, _ = search_data(out)
    assert "memoirs/2020-a" not in docs_with(index, "gamma") | docs_with(index, "c")


def test_a_memoir_sharing_no_topic_shows_no_related_list(make_app, copy_root):
    srcdir = copy_root("passages")
    replace_in(srcdir / "memoirs" / "2021-b.md", "{passage} ecg mlops", "{passage} mlops")
    app = build(make_app, srcdir)
    assert related_list(Path(app.outdir), "2020-a") == []
    assert "같은 주제의 다른 회고" not in (Path(app.outdir) / "memoirs" / "2021-b.html").read_text(
        encoding="utf-8")


def test_a_change_of_topics_rewrites_the_memoirs_that_shared_one(make_app, copy_root):
    srcdir = copy_root("passages")
    written = written_after(make_app, srcdir, lambda: replace_in(
        srcdir / "memoirs" / "2021-b.md", "{passage} ecg mlops", "{passage} mlops"))
    assert {"memoirs/2020-a", "memoirs/2021-b"} <= written
    assert related_list(srcdir / "_build" / "html", "2020-a") == []


# -- 연도별 회고 (timeline.py) ------------------------------------------------------------------


def timeline_parts(outdir: Path) -> tuple[list[str], dict[str, list[str]], dict[str, list[str]]]:
    """(year headings, table rows: topic -> cells, picture rows: topic -> numbers by year)."""
    page = (outdir / "timeline.html").read_text(encoding="utf-8")
    years = re.findall(r'<section class="handbook-timeline-year" id="year-(\d{4})">', page)
    table = page[page.index('id="timeline-table"'):page.index("</table>")]
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)[1:]:
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>",
                                                                        row, re.S)]
        rows[cells[0]] = cells[1:]
    svg = (outdir / "_images" / "handbook-timeline.svg").read_text(encoding="utf-8")
    picture: dict[str, list[str]] = {}
    texts = re.findall(r'<text x="(\d+)" y="(\d+)"[^>]*>([^<]*)</text>', svg)
    labels = [(int(y), t) for x, y, t in texts if not t.isdigit()]
    for y, label in labels:
        picture[label] = [t for x, yy, t in texts if int(yy) == y and t.isdigit()]
    assert page.count("handbook-timeline.svg") == 1
    return years, rows, picture


def test_the_timeline_shows_every_year_and_follows_a_new_memoir(make_app, copy_root):
    srcdir = copy_root("passages")
    app = build(make_app, srcdir)
    out = Path(app.outdir)
    ecg, mlops = (app.env.titles[f"topics/{t}"].astext() for t in ("ecg", "mlops"))
    years, rows, picture = timeline_parts(out)
    assert years == ["2020", "2021"]
    # One passage on ecg in 2020 (A) and one on each of ecg and mlops in 2021 (B).
    assert rows == {ecg: ["1", "1"], mlops: ["–", "1"]}
    assert picture == {ecg: ["1", "1"], mlops: ["1"]}
    # A memoir reviewing 2023 and 2024 with two ecg passages: the years between appear too.
    (srcdir / "memoirs" / "2024-d.md").write_text(
        "---\ntitle: D\nauthor: dan\nyear: 2024\ncovers: [2023, 2024]\nplatform: jekyll\n"
        "summary: 넷째\n---\n# D\n\n```{passage} ecg\n:summary: delta one\n```\nOne.\n\n"
        "```{passage} ecg\n:summary: delta two\n```\nTwo.\n", encoding="utf-8")
    app = build(make_app, srcdir)
    assert app.statuscode == 0, app.warning.getvalue()
    years, rows, picture = timeline_parts(out)
    assert years == ["2020", "2021", "2022", "2023", "2024"]
    assert rows == {ecg: ["1", "1", "–", "2", "2"], mlops: ["–", "1", "–", "–", "–"]}
    assert picture == {ecg: ["1", "1", "2", "2"], mlops: ["1"]}
    page = (out / "timeline.html").read_text(encoding="utf-8")
    year_2022 = page[page.index('id="year-2022"'):page.index('id="year-2023"')]
    assert "이 해를 돌아본 회고는 아직 없습니다." in year_2022
    year_2023 = page[page.index('id="year-2023"'):page.index('id="year-2024"')]
    assert "2024-d.html" in year_2023 and "2023–2024년을 돌아봄" in year_2023
    # The picture has a text alternative that points to the table.
    assert re.search(r'<img alt="[^"]*아래 표[^"]*" class="handbook-timeline-picture"', page)


def test_an_edit_the_timeline_does_not_show_leaves_it_alone(make_app, copy_root):
    srcdir = copy_root("passages")
    memoir = srcdir / "memoirs" / "2020-a.md"
    assert "timeline" not in written_after(make_app, srcdir, lambda: replace_in(
        memoir, "summary: 첫 회고", "summary: 첫 회고 (고침)"))
    assert "timeline" in written_after(make_app, srcdir, lambda: replace_in(
        memoir, "author: alice", "author: alicia"))
