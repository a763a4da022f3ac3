"""Memoir metadata: front matter validation, the memoir header, and memoir lists.

Every page in the memoir folder carries front matter (see ``frontmatter.SCHEMA``). After a memoir
is read its front matter is validated and stored in the handbook domain, and a header
placeholder is put under its title. When the page is written the header shows the author, the
dates, the original source, its tags and the topics it feeds. ``{memoir-list}`` places a
chronological list of memoirs (optionally those with one tag) on any page.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from . import frontmatter, rules
from .domain import ListSpec, folder_prefix, is_memoir, topic_title
from .problems import warn

class memoir_header(nodes.General, nodes.Element):
    """Placeholder for a memoir's metadata header."""


class memoir_list(nodes.General, nodes.Element):
    """Placeholder for a chronological list of memoirs."""


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Front matter values with dates as strings, so they pickle and compare simply."""
    return {k: (v.isoformat() if isinstance(v, (_dt.date, _dt.datetime)) else v)
            for k, v in values.items()}


_STEM_YEAR = re.compile(r"^(\d{4})-")


def read_memoir(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: validate a memoir's front matter and store it; place the header.

    The front matter comes from MyST's parse of the file (``content.py``), with its lines.
    """
    env = app.env
    docname = env.docname
    if not is_memoir(app.config, docname):
        return
    if "handbook_frontmatter" not in env.temp_data:
        warn(rules.missing_frontmatter(), (docname, 1))
        return
    fm = env.temp_data["handbook_frontmatter"]
    if fm is None:  # it did not parse; reported where it was read
        return
    relpath = Path(env.doc2path(docname)).relative_to(app.srcdir).as_posix()
    for problem in frontmatter.validate(fm, relpath, app.config.handbook_tags):
        warn((problem.subtype, problem.message, problem.fix), (docname, problem.line))
    values = _plain(fm.values)
    stem_year = _STEM_YEAR.match(docname.rsplit("/", 1)[-1])
    if stem_year and frontmatter.is_year(values.get("year")) and \
            str(values["year"]) != stem_year.group(1):
        warn(rules.year_differs_from_filename(values["year"], stem_year.group(1)),
             (docname, fm.line_of("year")))
    heading = env.temp_data.get("handbook_title")
    title = values.get("title")
    if heading and isinstance(title, str) and " ".join(title.split()) != " ".join(
            heading[0].split()):
        warn(rules.title_differs(title, heading[0]), (docname, fm.line_of("title")))
    values["reading_minutes"] = reading_minutes(doctree)
    env.get_domain("handbook").note_memoir(docname, values)
    header = memoir_header("", docname=docname)
    sections = [n for n in doctree.children if isinstance(n, nodes.section)]
    if sections and sections[0].children and isinstance(sections[0][0], nodes.title):
        sections[0].insert(1, header)
    else:
        doctree.insert(0, header)


class MemoirListDirective(SphinxDirective):
    """``{memoir-list}`` with an optional ``:tag:``: memoirs in chronological order."""

    has_content = False
    option_spec = {"tag": directives.unchanged, "year": directives.nonnegative_int}

    def run(self) -> list[nodes.Node]:
        tag = (self.options.get("tag") or "").strip()
        if tag and tag not in self.config.handbook_tags:
            warn(rules.unknown_tag(tag, self.config.handbook_tags),
                 (self.env.docname, self.lineno))
        self.env.get_domain("handbook").note_list(
            self.env.docname, ListSpec("memoirs", tag, self.options.get("year")))
        node = memoir_list("", tag=tag, year=self.options.get("year"), docname=self.env.docname)
        self.set_source_info(node)
        return [node]


#: How the header names each blog platform (frontmatter.PLATFORMS).
PLATFORM_NAMES = {"fuwari": "Fuwari", "jekyll": "Jekyll", "tistory": "티스토리"}


def author_label(values: dict[str, Any]) -> str:
    author = values.get("author", "")
    return "작성자 미상" if author in ("", frontmatter.UNKNOWN_AUTHOR) else str(author)


def date_label(values: dict[str, Any]) -> str:
    parsed = frontmatter.parse_date(values.get("date"))
    if not parsed:
        return ""
    year, month, day = parsed
    return f"{year}년 {month}월 {day}일" if day else f"{year}년 {month}월"


def _field(name: str, *body: nodes.Node) -> nodes.field:
    para = nodes.paragraph()
    para.extend(body)
    return nodes.field("", nodes.field_name(text=name), nodes.field_body("", para))


def _link(uri: str, text: str | None = None) -> nodes.reference:
    return nodes.reference("", text or uri, refuri=uri, internal=False)


def _joined(items: list[nodes.Node], sep: str = ", ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(sep))
        out.append(item)
    return out


def html_only(app: Sphinx) -> bool:
    return app.builder.format == "html"


#: Characters (without spaces) a Korean reader reads in a minute, silently: the rule for the
#: reading time every memoir shows. 500 is the usual figure for adult silent reading of Korean
#: text; Latin words and digits count character by character too.
CHARACTERS_PER_MINUTE = 500


def reading_minutes(doctree: nodes.document) -> int:
    """Minutes to read a memoir's own text (its body as read: no generated header or lists)."""
    characters = sum(len("".join(node.astext().split())) for node in doctree.findall(nodes.Text))
    return max(1, -(-characters // CHARACTERS_PER_MINUTE))


def build_header(app: Sphinx, fromdocname: str, docname: str) -> nodes.Node:
    env = app.env
    dom = env.get_domain("handbook")
    values = dom.memoirs.get(docname, {})
    fields = nodes.field_list(classes=["handbook-memoir-header"])
    fields += _field("작성자", nodes.Text(author_label(values)))
    covers = values.get("covers") or [values.get("year", "")]
    fields += _field("돌아본 해", nodes.Text(", ".join(f"{y}년" for y in covers)))
    if values.get("title_note"):
        fields += _field("제목", nodes.Text(values["title_note"]))
    if values.get("reading_minutes"):
        fields += _field("읽는 시간", nodes.Text(f"약 {values['reading_minutes']}분"))
    if date_label(values):
        text = date_label(values)
        if values.get("date_note"):
            text += f" ({values['date_note']})"
        fields += _field("작성일", nodes.Text(text))
    # Where the original was published: the post's address when the source reveals it,
    # otherwise the blog platform, saying that the address is not known.
    if values.get("source_url"):
        fields += _field("원문", _link(values["source_url"]))
    elif values.get("platform") in PLATFORM_NAMES:
        fields += _field("원문", nodes.Text(
            f"{PLATFORM_NAMES[values['platform']]} 블로그에 실린 글 (글의 주소는 알 수 없음)"))
    if values.get("blog"):
        name = values.get("blog_name")
        fields += _field("블로그", _link(values["blog"], f"{name} ({values['blog']})"
                                        if name else None))
    elif values.get("blog_name"):
        fields += _field("블로그", nodes.Text(values["blog_name"]))
    topics = dom.topics_of(docname)
    if topics:
        prefix = folder_prefix(app.config, "handbook_topic_dir")
        links = []
        for topic in topics:
            title = topic_title(env, topic)
            links.append(make_refnode(app.builder, fromdocname, prefix + topic, "",
                                      nodes.inline(text=title), title))
        fields += _field("다루는 주제", *_joined(links))
    tags = [t for t in values.get("tags") or [] if t in app.config.handbook_tags]
    if tags and html_only(app):
        outdir = app.config.tags_output_dir.strip("/")
        links = [make_refnode(app.builder, fromdocname, f"{outdir}/{tag}", "",
                              nodes.inline(text=app.config.handbook_tags[tag]),
                              app.config.handbook_tags[tag]) for tag in tags]
        fields += _field(app.config.tags_intro_text.rstrip(":"), *_joined(links))
    whose = (f"{values['author']}님의 회고를" if values.get("author") not in
             (None, "", frontmatter.UNKNOWN_AUTHOR) else "작성자가 이름을 밝히지 않은 블로그 회고를")
    credit = nodes.paragraph(classes=["handbook-credit"], text=(
        f"이 글은 {whose} 원문 그대로 옮기고 구조만 정리한 것입니다. "
        "글의 저작권은 원저자에게 있습니다."))
    # Not indexed as text and never quoted in search results: its names (topics, tags, author,
    # years) reach the index as the page's keywords instead (searchrank.py), so a reader
    # searching "취업" still finds the memoirs on that topic, ranked below those that use it.
    container = nodes.container(classes=["handbook-memoir-meta", "no-search"])
    container += [fields, credit]
    return container


def memoir_line(app: Sphinx, fromdocname: str, docname: str, values: dict[str, Any],
                with_year: bool = True) -> nodes.paragraph:
    """"2021 · **title** · author": how every generated list names a memoir."""
    title = values.get("title") or docname
    para = nodes.paragraph()
    if with_year:
        para += nodes.Text(f"{values.get('year', '')} · ")
    para += make_refnode(app.builder, fromdocname, docname, "", nodes.strong(text=title), title)
    para += nodes.Text(f" · {author_label(values)}")
    return para


def build_list(app: Sphinx, fromdocname: str, tag: str, year: int | None = None) -> nodes.Node:
    dom = app.env.get_domain("handbook")
    items = nodes.bullet_list(classes=["handbook-memoir-list"])
    for docname, values in dom.memoirs_in_order():
        if tag and tag not in (values.get("tags") or []):
            continue
        if year is not None and values.get("year") != year:
            continue
        item = nodes.list_item("", memoir_line(app, fromdocname, docname, values))
        if values.get("summary"):
            item += nodes.paragraph(text=values["summary"], classes=["handbook-summary"])
        items += item
    if not items.children:
        return nodes.paragraph(text="아직 해당하는 회고가 없습니다.")
    return items


def fill(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """doctree-resolved: fill memoir headers and memoir lists."""
    for node in list(doctree.findall(memoir_header)):
        node.replace_self(build_header(app, fromdocname, node["docname"]))
    for node in list(doctree.findall(memoir_list)):
        node.replace_self(build_list(app, fromdocname, node["tag"], node.get("year")))


def setup(app: Sphinx) -> None:
    app.add_node(memoir_header)
    app.add_node(memoir_list)
    app.add_directive("memoir-list", MemoirListDirective)
    app.connect("doctree-read", read_memoir)
    app.connect("doctree-resolved", fill)
