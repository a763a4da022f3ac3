"""Which pages an edit rewrites: only those whose content it changes.

Sphinx rewrites the pages it read. Pages that gather from other pages (topic pages, the front
page, year and tag pages) must be rewritten too when what they show changed, and only then.
Before a document is read again, what the other pages show of it is remembered
(``env-purge-doc``); after reading (``env-get-updated``), each generated list on each page
(``ListSpec`` in the domain) is rewritten if the entry or the passages it shows of that document
differ:

- a memoir's list entry (title, year, author, summary, date, tags): the memoir lists that
  include it (the front page, its year page, its tag pages), and the front page's tag counts
  when its tags changed;
- its passages on a topic: that topic page, and the front page's topic counts when the number
  of memoirs or passages on a topic changed;
- its year, covered years, title, author or passage counts: the timeline page (``timeline.py``);
- the works a memoir cites: the bibliography page, which says which memoirs cite each work;
- its topics or its list entry: the memoirs that share (or shared) a topic with it, whose
  "같은 주제의 다른 회고" lists show it (``related.py``);
- a topic page's title, or a memoir's title: they stand in every page's sidebar (and the topic
  titles in the memoir headers), so every page is rewritten.

Documents added or removed change every page's navigation (``gate.py``).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import ListSpec, Passage, folder_prefix


class Before(NamedTuple):
    memoir: dict[str, Any] | None
    passages: tuple[Passage, ...]
    title: str | None
    cites: frozenset[str]


def _cites(env: BuildEnvironment, docname: str) -> frozenset[str]:
    return frozenset(t.key for ref in env.get_domain("cite").citation_refs
                     if ref.docname == docname for t in ref.targets)


def _entry(values: dict[str, Any] | None) -> tuple | None:
    if values is None:
        return None
    return (values.get("title"), values.get("year"), values.get("author"),
            values.get("summary"), values.get("date"), tuple(values.get("tags") or ()),
            tuple(values.get("covers") or ()))


def _on_topic(passages, topic: str) -> list[Passage]:
    return [p for p in passages if topic in p.topics]


def _counts(passages) -> dict[str, int]:
    counts: dict[str, int] = {}
    for passage in passages:
        for topic in passage.topics:
            counts[topic] = counts.get(topic, 0) + 1
    return counts


def remember(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """env-purge-doc (before the collectors forget it): what other pages show of a document."""
    dom = env.get_domain("handbook")
    before = getattr(env, "handbook_before", None)
    if before is None:
        before = env.handbook_before = {}
    title = env.titles[docname].astext() if docname in env.titles else None
    before[docname] = Before(dom.memoirs.get(docname), tuple(dom.passages.get(docname, ())),
                             title, _cites(env, docname))


def changed_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-get-updated: the list pages whose content an edit changed."""
    before: dict[str, Before] = getattr(env, "handbook_before", None) or {}
    env.handbook_before = {}
    if not before:
        return []
    dom = env.get_domain("handbook")
    topic_prefix = folder_prefix(app.config, "handbook_topic_dir")
    pages: set[str] = set()
    for docname, old in before.items():
        new_memoir = dom.memoirs.get(docname)
        new_passages = tuple(dom.passages.get(docname, ()))
        new_title = env.titles[docname].astext() if docname in env.titles else None
        title_changed = old.title != new_title and (
            docname.startswith(topic_prefix) or old.memoir is not None or new_memoir is not None)
        if title_changed or _entry(old.memoir) and _entry(new_memoir) and \
                old.memoir.get("title") != new_memoir.get("title"):
            return sorted(env.all_docs)  # every sidebar shows it
        old_entry, new_entry = _entry(old.memoir), _entry(new_memoir)
        if old.cites != _cites(env, docname) and app.config.handbook_bibliography_doc:
            pages.add(app.config.handbook_bibliography_doc)  # its "인용한 회고" lines
        for page, specs in dom.lists.items():
            for spec in specs:
                if _shows_change(spec, dom, docname, old, old_entry, new_entry, new_passages):
                    pages.add(page)
                    break
    return sorted(p for p in pages if p in env.all_docs)


def _shows_change(spec: ListSpec, dom, docname: str, old: Before, old_entry, new_entry,
                  new_passages) -> bool:
    """Does the list ``spec`` show the change of ``docname``?"""
    if spec.kind == "memoirs":
        def shown(entry) -> bool:
            return entry is not None and (not spec.key or spec.key in entry[5]) and (
                spec.year is None or entry[1] == spec.year)
        return old_entry != new_entry and (shown(old_entry) or shown(new_entry))
    if spec.kind == "topic":
        return _on_topic(old.passages, spec.key) != _on_topic(new_passages, spec.key) or (
            old_entry != new_entry and bool(_on_topic(new_passages, spec.key)))
    if spec.kind == "topics":
        return _counts(old.passages) != _counts(new_passages) or (
            (old_entry is None) != (new_entry is None))
    if spec.kind == "tags":
        return (old_entry or (None,) * 7)[5] != (new_entry or (None,) * 7)[5]
    if spec.kind == "related":  # spec.key: the memoir whose list it is
        return spec.key != docname and _related_change(dom, spec.key, old, old_entry,
                                                       new_entry, new_passages)
    if spec.kind == "timeline":  # years, titles, authors and passage counts per topic
        def shown_entry(entry):
            return None if entry is None else (entry[0], entry[1], entry[2], entry[6])
        return shown_entry(old_entry) != shown_entry(new_entry) or (
            _counts(old.passages) != _counts(new_passages))
    return True


def _topics(passages) -> set[str]:
    return {topic for passage in passages for topic in passage.topics}


def _related_change(dom, page: str, old: Before, old_entry, new_entry, new_passages) -> bool:
    """Does a memoir's related list (on ``page``) show the change of another memoir?"""
    before, after = _topics(old.passages), _topics(new_passages)
    shown = (old_entry or ())[:3] != (new_entry or ())[:3]  # title, year, author
    if before == after and not shown:
        return False
    return bool(set(dom.topics_of(page)) & (before | after))


def no_toctree_parents(app: Sphinx, builder) -> None:
    """write-started (HTML): an edit does not rewrite the pages whose toctree lists the page.

    Sphinx rewrites a document's toctree parents in case its title changed. The handbook's
    sidebar does not come from the toctree, the front page's toctrees are hidden, the tag
    overview's shows titles only, and a title change rewrites every page (above), so the
    parents need no rewrite of their own. The environment was saved before writing, so this
    changes only what this build writes.
    """
    if builder.format == "html":
        app.env.files_to_rebuild = {}


def setup(app: Sphinx) -> None:
    app.connect("write-started", no_toctree_parents)
    app.connect("env-purge-doc", remember, priority=400)
    app.connect("env-get-updated", changed_pages)
