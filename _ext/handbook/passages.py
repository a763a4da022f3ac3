"""Topic passages: markers in memoirs, and the generated lists on topic pages.

A memoir marks a passage where it stands::

    ```{passage} ecg reinforcement-learning
    :summary: DQN으로 부정맥 검출용 feature를 고르는 연구
    ```

The marker becomes an anchor on the block that follows it. After reading, every marker is
recorded in the handbook domain; a topic page holds a ``{topic-passages}`` placeholder that is
filled, when the page is written, with links to the passages of every memoir on that topic.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from . import rules
from .domain import ListSpec, Passage, folder_prefix, topic_keys, topic_title
from .memoirs import author_label
from .problems import warn


ANCHOR = re.compile(r"^[a-z0-9][a-z0-9-]*$")
AUTO_ID = re.compile(r"^id[0-9]+$")


def passage_id(summary: str) -> str:
    """A passage's anchor, from its own summary: it does not shift when other passages are
    inserted, moved or deleted (``passage-`` and 8 hex digits of the summary's SHA-1)."""
    return "passage-" + hashlib.sha1(summary.encode("utf-8")).hexdigest()[:8]


def entry_id(memoir: str, passage: str) -> str:
    """The anchor of a passage's entry on a topic page."""
    return f"{memoir.rsplit('/', 1)[-1]}--{passage}"


class passage_marker(nodes.target):
    """Where a passage starts; replaced by a plain target once recorded."""


class passage_topics(nodes.General, nodes.Element):
    """Where a passage stands: placeholder for the links to the topics it feeds (web only)."""


class topic_passages(nodes.General, nodes.Element):
    """Placeholder for the list of passages on one topic."""


class topic_list(nodes.General, nodes.Element):
    """Placeholder for the list of all topics, with how much each gathers."""


def topic_of(env: BuildEnvironment, docname: str) -> str | None:
    prefix = folder_prefix(env.config, "handbook_topic_dir")
    return docname[len(prefix):] if docname.startswith(prefix) else None


def domain(env: BuildEnvironment):
    return env.get_domain("handbook")


class PassageDirective(SphinxDirective):
    """``{passage} topic [topic ...]`` with a required ``:summary:``."""

    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True
    has_content = False
    option_spec = {"summary": directives.unchanged, "name": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        location = (self.env.docname, self.lineno)
        # Topic keys are checked across documents (``check_consistency``), so that adding or
        # removing a topic page gives the same result incrementally as in a clean build.
        keys = tuple(k for k in re.split(r"[\s,]+", self.arguments[0].strip()) if k)
        summary = (self.options.get("summary") or "").strip()
        if not summary:
            warn(rules.passage_without_summary(), location)
        anchor = (self.options.get("name") or "").strip()
        if anchor and not ANCHOR.match(anchor):
            warn(rules.bad_passage_name(anchor), location)
            anchor = ""
        if not anchor:
            anchor = passage_id(summary) if summary else \
                f"passage-{self.env.new_serialno('handbook-passage') + 1}"
        document = self.state.document
        existing = document.ids.get(anchor)
        if existing is not None:
            if AUTO_ID.match(anchor) and not isinstance(existing, passage_marker):
                # A name the README allows, taken by an id docutils made up ("id1" for a
                # Korean heading): the made-up one moves, the contributor's name stays.
                existing["ids"].remove(anchor)
                del document.ids[anchor]
                document.ids[anchor] = None  # reserve it while a new id is drawn
                document.set_id(existing)
            else:
                warn(rules.duplicate_passage_id(anchor), location)
                return []
        marker = passage_marker("", "", ids=[anchor])
        marker["anchor"] = anchor
        marker["topics"] = keys
        marker["summary"] = summary
        marker["classes"].append("handbook-passage")
        self.set_source_info(marker)
        document.ids[anchor] = marker
        marker["valid"] = bool(keys and summary)
        return [marker]


class TopicPassagesDirective(SphinxDirective):
    """``{topic-passages}`` on a topic page: where the generated list goes."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        topic = topic_of(self.env, self.env.docname)
        if topic is None:
            warn(("topic", "`topic-passages` used outside the topic folder",
                  f"use it only on pages in {self.env.config.handbook_topic_dir}/"),
                 (self.env.docname, self.lineno))
            return []
        node = topic_passages("", topic=topic, docname=self.env.docname)
        self.set_source_info(node)
        return [node]


class TopicListDirective(SphinxDirective):
    """``{topic-list}``: every topic page, with the memoirs and passages it gathers."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        domain(self.env).note_list(self.env.docname, ListSpec("topics"))
        node = topic_list("", docname=self.env.docname)
        self.set_source_info(node)
        return [node]


def _section_title(node: nodes.Node) -> str:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    if parent is not None and parent.children and isinstance(parent[0], nodes.title):
        return parent[0].astext()
    return ""


_LISTS = (nodes.bullet_list, nodes.enumerated_list)


def _next_element(marker: nodes.Node) -> nodes.Node | None:
    """The body element after the marker (in its section or the next one), or None."""
    node = marker.next_node(descend=False, siblings=True, ascend=True)
    while isinstance(node, nodes.target):
        node = node.next_node(descend=False, siblings=True, ascend=True)
    return node


def _previous_list(node: nodes.Node) -> nodes.Element | None:
    """The list just before ``node``, with only passage markers between them."""
    parent = node.parent
    index = parent.index(node) - 1
    while index >= 0 and isinstance(parent[index], nodes.target):
        index -= 1
    if index >= 0 and type(parent[index]) is type(node):
        return parent[index]
    return None


def place(marker: passage_marker) -> nodes.Element | None:
    """The element that carries the passage's anchor; a list's anchor goes to its first item,
    and a list that a marker split from the list before it is joined back to that list."""
    anchor = marker["anchor"]
    element = _next_element(marker)
    if isinstance(element, _LISTS) and len(element) and anchor in element["ids"]:
        item = element[0]
        element["ids"].remove(anchor)
        item["ids"].append(anchor)
        previous = _previous_list(element)
        parent = element.parent
        # the marker (and any other between the lists) moves into the item it marks
        index = parent.index(element) - 1
        while index >= 0 and isinstance(parent[index], nodes.target):
            target = parent[index]
            parent.remove(target)
            item.insert(0, target)
            index -= 1
        if previous is not None:
            previous.extend(list(element.children))
            parent.remove(element)
        return item
    return element


def collect(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: record the passages of the document, register list pages."""
    env = app.env
    docname = env.docname
    dom = domain(env)
    for marker in list(doctree.findall(passage_marker)):
        valid = marker["valid"]
        carrier = place(marker)  # None when nothing follows the marker
        if carrier is None:
            warn(rules.passage_without_text(), marker)
            valid = False
        if valid:
            dom.note_passage(docname, Passage(
                id=marker["anchor"], topics=tuple(marker["topics"]), summary=marker["summary"],
                section=_section_title(marker), line=marker.line or 0))
            topics = passage_topics("", anchor=marker["anchor"], docname=docname)
            if isinstance(carrier, nodes.section):
                carrier.insert(1, topics)
            elif isinstance(carrier, nodes.list_item):
                carrier.insert(0, topics)
            else:
                carrier.parent.insert(carrier.parent.index(carrier), topics)
        target = nodes.target("", "", ids=list(marker["ids"]), classes=["handbook-passage"])
        for attr in ("refid", "names"):
            if marker.get(attr):
                target[attr] = marker[attr]
        marker.replace_self(target)
    for node in doctree.findall(topic_passages):
        dom.note_topic_list(docname, node["topic"], node.line or 0)


def build_passage_topics(app: Sphinx, fromdocname: str, node: passage_topics) -> nodes.Node:
    """"이 대목이 실린 주제: 심전도와 부정맥 (ECG) · 강화학습", each linking to this passage's
    entry on the topic page."""
    env = app.env
    dom = domain(env)
    passage = next((p for p in dom.passages.get(node["docname"], [])
                    if p.id == node["anchor"]), None)
    known = set(topic_keys(env))
    prefix = folder_prefix(env.config, "handbook_topic_dir")
    topics = [t for t in (passage.topics if passage else ()) if t in known]
    para = nodes.paragraph(classes=["handbook-passage-topics", "no-search"])
    para += nodes.Text("이 대목이 실린 주제: ")
    for i, topic in enumerate(topics):
        if i:
            para += nodes.Text(" · ")
        title = topic_title(env, topic)
        para += make_refnode(app.builder, fromdocname, prefix + topic,
                             entry_id(node["docname"], node["anchor"]),
                             nodes.inline(text=title), f"{title} 주제에서 이 대목 보기")
    return para


def build_topic_list(app: Sphinx, fromdocname: str) -> nodes.Node:
    env = app.env
    dom = domain(env)
    prefix = folder_prefix(env.config, "handbook_topic_dir")
    items = nodes.bullet_list(classes=["handbook-topic-list"])
    for key in topic_keys(env):
        title = topic_title(env, key)
        groups = dom.passages_for(key)
        para = nodes.paragraph()
        para += make_refnode(app.builder, fromdocname, prefix + key, "",
                             nodes.strong(text=title), title)
        count = sum(len(passages) for _, passages in groups)
        para += nodes.Text(f" — 회고 {len(groups)}편, 구절 {count}개")
        items += nodes.list_item("", para)
    return items


def _memoir_caption(values: dict[str, Any]) -> str:
    return f"{values.get('year', '')} · {author_label(values)}"


def fill(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """doctree-resolved: replace topic placeholders by the lists of passages."""
    env = app.env
    dom = domain(env)
    for node in list(doctree.findall(topic_list)):
        node.replace_self(build_topic_list(app, fromdocname))
    for node in list(doctree.findall(passage_topics)):
        if app.builder.format == "html" and app.builder.name != "epub":
            node.replace_self(build_passage_topics(app, fromdocname, node))
        else:
            node.parent.remove(node)
    for node in list(doctree.findall(topic_passages)):
        topic = node["topic"]
        groups = dom.passages_for(topic)
        if not groups:  # reported by check_consistency
            node.replace_self(nodes.paragraph(text="아직 이 주제로 표시된 구절이 없습니다."))
            continue
        container = nodes.container(classes=["handbook-topic-passages"])
        container += nodes.paragraph(classes=["handbook-topic-overview"],
                                     text=overview(dom, groups))
        for memoir, passages in groups:
            values = dom.memoirs.get(memoir, {})
            title = values.get("title") or env.titles[memoir].astext()
            # A heading per memoir (the page's contents list them: topic_contents below).
            section = nodes.section(ids=[group_id(memoir)], classes=["handbook-memoir-group"])
            heading = nodes.title()
            heading += make_refnode(app.builder, fromdocname, memoir, "",
                                    nodes.inline(text=title), title)
            section += heading
            section += nodes.paragraph(classes=["handbook-memoir-caption"],
                                       text=_memoir_caption(values))
            items = nodes.bullet_list(classes=["handbook-passages"])
            for passage in passages:
                para = nodes.paragraph()
                para += make_refnode(app.builder, fromdocname, memoir, passage.id,
                                     nodes.inline(text=passage.summary), passage.summary)
                if passage.section and passage.section != title:
                    para += nodes.Text(" — ")
                    para += nodes.inline(text=passage.section, classes=["handbook-section-name"])
                items += nodes.list_item("", para, ids=[entry_id(memoir, passage.id)])
            section += items
            container += section
        node.replace_self(container)


def group_id(memoir: str) -> str:
    """The anchor of a memoir's group on a topic page."""
    return "memoir-" + memoir.rsplit("/", 1)[-1]


def overview(dom, groups) -> str:
    """"2019–2023년의 회고 5편, 구절 12개"."""
    years = sorted({dom.memoirs.get(m, {}).get("year") for m, _ in groups} - {None})
    span = (f"{years[0]}–{years[-1]}년" if len(years) > 1 else f"{years[0]}년") if years else ""
    count = sum(len(p) for _, p in groups)
    return f"{span}의 회고 {len(groups)}편, 구절 {count}개".lstrip("의 ")


def topic_contents(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: a topic page's contents (the secondary sidebar) list its memoir groups.

    The groups are made when the page is written, from the passages of other pages; Sphinx
    collects a page's contents when it reads the page. So each topic page's entry in
    ``env.tocs`` gets, under its title, one entry per memoir group.
    """
    dom = domain(env)
    for docname in dom.topic_lists:
        toc = env.tocs.get(docname)
        if toc is None or not len(toc) or not isinstance(toc[0], nodes.list_item):
            continue
        top = toc[0]
        for child in [c for c in top.children if isinstance(c, nodes.bullet_list)
                      and "handbook-groups" in c["classes"]]:
            top.remove(child)
        topic = topic_of(env, docname)
        entries = nodes.bullet_list(classes=["handbook-groups"])
        for memoir, _ in dom.passages_for(topic):
            title = dom.memoirs.get(memoir, {}).get("title") or memoir
            ref = nodes.reference("", "", nodes.Text(title), internal=True, refuri=docname,
                                  anchorname="#" + group_id(memoir))
            entries += nodes.list_item("", addnodes.compact_paragraph("", "", ref))
        if len(entries):
            top += entries


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """env-check-consistency: topic keys, topic pages and their lists, memoirs without topics.

    Run after every build that read anything, over all documents, so that an incremental build
    says what a clean one says (a topic page added or removed, a memoir renamed or deleted).
    """
    dom = domain(env)
    known = topic_keys(env)
    prefix = folder_prefix(env.config, "handbook_topic_dir")
    fed: set[str] = set()
    for docname in sorted(dom.passages):
        for passage in dom.passages[docname]:
            for key in passage.topics:
                if key in known:
                    fed.add(key)
                else:
                    warn(rules.unknown_topic(key, known), (docname, passage.line))
    for key in known:
        docname = prefix + key
        if docname not in dom.topic_lists:
            warn(rules.topic_without_list(key), (docname, 1))
        elif key not in fed:
            warn(rules.empty_topic(key), (docname, dom.topic_lists[docname]))
    for docname in sorted(dom.memoirs):
        if not dom.topics_of(docname):
            warn(rules.memoir_without_topic(), (docname, 1))


def setup(app: Sphinx) -> None:
    app.connect("env-updated", topic_contents)
    app.connect("env-check-consistency", check_consistency)
    app.add_node(topic_passages)
    app.add_node(passage_topics)
    app.add_node(topic_list)
    app.add_directive("topic-list", TopicListDirective)
    app.add_directive("passage", PassageDirective)
    app.add_directive("topic-passages", TopicPassagesDirective)
    app.connect("doctree-read", collect)
    app.connect("doctree-resolved", fill)
