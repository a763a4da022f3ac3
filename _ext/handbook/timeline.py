"""연도별 회고: the timeline page.

``{timeline}`` (on the page named by ``handbook_timeline_doc``) shows, from the domain, when the
page is written:

- an overview line (the years covered, the number of memoirs);
- a topic × year picture: for every topic and every year from the first to the last year a
  memoir reviews, a circle whose area grows with the number of passages on that topic in the
  memoirs reviewing that year (``year`` and ``covers``), with the number written beside it. It is
  an SVG file written into the HTML output at build time (no network, no source file), on a
  white ground so it reads the same in dark mode and in print;
- the same numbers as a table (the picture's text alternative, and what the PDF prints);
- a section per year, every year from the first to the last, with the memoirs reviewing it
  (a year without one says so).

A memoir added, removed or changed (its year, covers, title, author or passages) rewrites the
page (``rewrites.py``, ``ListSpec("timeline")``).
"""

from __future__ import annotations

import html
import math
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .domain import ListSpec, folder_prefix, reviewed_years
from .published import write_output

#: Where the picture is written, relative to the HTML output directory.
PICTURE = "_images/handbook-timeline.svg"


class timeline(nodes.General, nodes.Element):
    """Placeholder for the timeline, filled at doctree-resolved."""


class TimelineDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.get_domain("handbook").note_list(self.env.docname, ListSpec("timeline"))
        return [timeline("")]


# -- the data ------------------------------------------------------------------------------------

def years_span(dom) -> list[int]:
    """Every year from the first to the last year a memoir reviews."""
    found = {y for _, values in dom.memoirs_in_order() for y in reviewed_years(values)}
    return list(range(min(found), max(found) + 1)) if found else []


def memoirs_by_year(dom) -> dict[int, list[str]]:
    by_year: dict[int, list[str]] = {year: [] for year in years_span(dom)}
    for docname, values in dom.memoirs_in_order():
        for year in reviewed_years(values):
            by_year[year].append(docname)
    return by_year


def topic_counts(env: BuildEnvironment) -> tuple[list[str], list[int], dict[tuple[str, int], int]]:
    """(topic docnames in title order, years, (topic, year) -> passages on the topic in the
    memoirs reviewing that year)."""
    dom = env.get_domain("handbook")
    prefix = folder_prefix(env.config, "handbook_topic_dir")
    topics = sorted((d for d in env.found_docs if d.startswith(prefix)),
                    key=lambda d: (env.titles[d].astext() if d in env.titles else d, d))
    years = years_span(dom)
    counts: dict[tuple[str, int], int] = {}
    for docname, values in dom.memoirs_in_order():
        for passage in dom.passages.get(docname, []):
            for key in passage.topics:
                topic = prefix + key
                if topic in topics:
                    for year in reviewed_years(values):
                        counts[topic, year] = counts.get((topic, year), 0) + 1
    return topics, years, counts


# -- the picture ---------------------------------------------------------------------------------

def _width(text: str) -> float:
    """Rough width of a label at 14px: Hangul and other wide letters 14px, the rest 8px."""
    return sum(14 if ord(ch) > 0x2E80 else 8 for ch in text)


def svg(titles: list[str], years: list[int], counts: dict[tuple[int, int], int]) -> str:
    """The topic × year picture. ``counts`` is keyed by (row, year)."""
    row_h, col_w, top, pad = 34, 70, 44, 12
    left = pad + max((_width(t) for t in titles), default=0) + 16
    width = int(left + col_w * len(years) + pad)
    height = top + row_h * len(titles) + pad
    biggest = max(counts.values(), default=1)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" font-family="\'Noto Sans CJK KR\', '
        f'\'Noto Sans KR\', sans-serif" font-size="14">',
        "<title>주제별·연도별 구절 수</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for j, year in enumerate(years):
        x = left + col_w * j + col_w / 2
        out.append(f'<text x="{x:.0f}" y="{top - 16}" text-anchor="middle" fill="#1a1a1a" '
                   f'font-weight="bold">{year}</text>')
    for i, title in enumerate(titles):
        y = top + row_h * i + row_h / 2
        if i % 2 == 0:
            out.append(f'<rect x="{pad / 2:.0f}" y="{y - row_h / 2:.0f}" '
                       f'width="{width - pad:.0f}" height="{row_h}" fill="#f2f4f7"/>')
        out.append(f'<text x="{pad}" y="{y + 5:.0f}" fill="#1a1a1a">{html.escape(title)}</text>')
        for j, year in enumerate(years):
            n = counts.get((i, year), 0)
            x = left + col_w * j + col_w / 2
            if not n:
                out.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="2" fill="#8a8f98"/>')
                continue
            r = 4 + 9 * math.sqrt(n / biggest)
            out.append(f'<circle cx="{x - 8:.0f}" cy="{y:.0f}" r="{r:.1f}" fill="#1f5fbf"/>')
            out.append(f'<text x="{x + 6:.0f}" y="{y + 5:.0f}" fill="#1a1a1a">{n}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


# -- the page ------------------------------------------------------------------------------------

def _table(titles: list[str], years: list[int], counts: dict[tuple[int, int], int]) -> nodes.table:
    table = nodes.table(ids=["timeline-table"], classes=["handbook-timeline-table"])
    table += nodes.title(text="주제별·연도별 구절 수 (그 해를 돌아본 회고에서)")
    group = nodes.tgroup(cols=len(years) + 1)
    table += group
    group += nodes.colspec(colwidth=3)
    for _ in years:
        group += nodes.colspec(colwidth=1)

    def row(cells: list[str], head: bool = False) -> nodes.row:
        r = nodes.row()
        for k, text in enumerate(cells):
            entry = nodes.entry()
            if not head and k == 0:
                entry["classes"].append("stub")
            entry += nodes.paragraph(text=text)
            r += entry
        return r

    thead = nodes.thead()
    thead += row(["주제", *(f"{y}년" for y in years)], head=True)
    group += thead
    body = nodes.tbody()
    for i, title in enumerate(titles):
        body += row([title, *(str(counts.get((i, y), 0)) if counts.get((i, y)) else "–"
                              for y in years)])
    group += body
    return table


def build(app: Sphinx, fromdocname: str) -> list[nodes.Node]:
    from .memoirs import memoir_line

    env = app.env
    dom = env.get_domain("handbook")
    topics, years, by_topic = topic_counts(env)
    if not years:
        return [nodes.paragraph(text="아직 실린 회고가 없습니다.")]
    titles = [env.titles[t].astext() if t in env.titles else t for t in topics]
    counts = {(i, year): n for (topic, year), n in by_topic.items()
              for i in [topics.index(topic)]}
    by_year = memoirs_by_year(dom)
    result: list[nodes.Node] = [nodes.paragraph(
        classes=["handbook-timeline-overview"],
        text=f"{years[0]}–{years[-1]}년, {len(years)}년 동안을 돌아본 회고 "
             f"{len(dom.memoirs)}편" if len(years) > 1 else
             f"{years[0]}년을 돌아본 회고 {len(dom.memoirs)}편")]
    if app.builder.format == "html":
        write_output(Path(app.builder.outdir, PICTURE), svg(titles, years, counts))
        uri = app.builder.get_relative_uri(fromdocname, app.config.root_doc)
        uri = uri.rsplit("/", 1)[0] + "/" if "/" in uri else ""
        image = nodes.image(uri=uri + PICTURE, alt=(
            "주제별·연도별 구절 수를 원의 크기로 나타낸 그림. 같은 내용이 아래 표에 있습니다."),
            classes=["handbook-timeline-picture"])
        # Written by this module, not collected from the sources: Sphinx leaves an image whose
        # candidates are "?" where it is (as it does remote images).
        image["candidates"] = {"?": image["uri"]}
        result.append(nodes.figure("", image, nodes.caption(
            text="주제마다 그 해를 돌아본 회고에서 다룬 구절의 수 (원이 클수록 많음)"),
            ids=["timeline-picture"], classes=["handbook-timeline-figure"]))
    result.append(_table(titles, years, counts))
    for year in years:
        section = nodes.section(ids=[year_id(year)], classes=["handbook-timeline-year"])
        section += nodes.title(text=f"{year}년")
        docnames = by_year.get(year, [])
        if not docnames:
            section += nodes.paragraph(text="이 해를 돌아본 회고는 아직 없습니다.")
        items = nodes.bullet_list(classes=["handbook-memoir-list"])
        for docname in docnames:
            values = dom.memoirs.get(docname, {})
            para = memoir_line(app, fromdocname, docname, values, with_year=False)
            reviewed = reviewed_years(values)
            if len(reviewed) > 1:
                para += nodes.Text(f" · {reviewed[0]}–{reviewed[-1]}년을 돌아봄")
            items += nodes.list_item("", para)
        if docnames:
            section += items
        result.append(section)
    return result


def year_id(year: int) -> str:
    return f"year-{year}"


def fill(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """doctree-resolved: the timeline."""
    for node in list(doctree.findall(timeline)):
        node.replace_self(build(app, fromdocname))


def timeline_contents(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: the page's contents (secondary sidebar) list its years, as on topic pages."""
    doc = app.config.handbook_timeline_doc
    toc = env.tocs.get(doc)
    if not doc or toc is None or not len(toc) or not isinstance(toc[0], nodes.list_item):
        return
    top = toc[0]
    for child in [c for c in top.children if isinstance(c, nodes.bullet_list)
                  and "handbook-years" in c["classes"]]:
        top.remove(child)
    entries = nodes.bullet_list(classes=["handbook-years"])
    for year in years_span(env.get_domain("handbook")):
        ref = nodes.reference("", "", nodes.Text(f"{year}년"), internal=True, refuri=doc,
                              anchorname="#" + year_id(year))
        entries += nodes.list_item("", addnodes.compact_paragraph("", "", ref))
    if len(entries):
        top += entries


def setup(app: Sphinx) -> None:
    app.add_config_value("handbook_timeline_doc", "timeline", "env", types=[str])
    app.add_node(timeline)
    app.add_directive("timeline", TimelineDirective)
    app.connect("doctree-resolved", fill)
    app.connect("env-updated", timeline_contents)
