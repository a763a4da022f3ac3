"""같은 주제의 다른 회고: at the end of each memoir, the memoirs that share its topics.

A memoir's topics are those its passages feed (``HandbookDomain.topics_of``). The list shows the
other memoirs that feed at least one of them, most shared topics first, then in chronological
order, at most ``handbook_related_limit`` of them, each with its year, author and the topics it
shares. A memoir that shares no topic shows no list. The list is a placeholder filled when the
page is written; ``rewrites.py`` rewrites a memoir when another memoir's topics or list entry
change and they share (or shared) a topic (``ListSpec("related", <memoir>)``).
"""

from __future__ import annotations

import itertools
from docutils import nodes
from sphinx.application import Sphinx

from .domain import ListSpec, is_memoir, topic_title

#: The heading of the list.
HEADING = "같은 주제의 다른 회고"


class related_memoirs(nodes.General, nodes.Element):
    """Placeholder for a memoir's related memoirs, filled at doctree-resolved."""


def related(dom, docname: str, limit: int) -> list[tuple[str, list[str]]]:
    """(other memoir, shared topics in this memoir's order), most shared first."""
    mine = dom.topics_of(docname)
    if not mine:
        return []
    wanted = frozenset(mine)
    found = []
    # Memoirs with the same topics share the same number of them: each group is looked at
    # once, and only its first `limit` memoirs can make the list.
    for topics, members in dom.topic_groups().items():
        shared = len(wanted & topics)
        if not shared:
            continue
        others = ((position, other) for position, other in members if other != docname)
        found += [(-shared, position, other, topics)
                  for position, other in itertools.islice(others, limit)]
    found.sort()
    return [(other, [t for t in mine if t in topics])
            for _, _, other, topics in found[:limit]]


def place(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: a placeholder at the end of each memoir."""
    docname = app.env.docname
    if not is_memoir(app.config, docname):
        return
    sections = [n for n in doctree.children if isinstance(n, nodes.section)]
    (sections[0] if sections else doctree).append(related_memoirs("", docname=docname))
    app.env.get_domain("handbook").note_list(docname, ListSpec("related", docname))


def build(app: Sphinx, fromdocname: str, docname: str) -> list[nodes.Node]:
    from .memoirs import memoir_line

    env = app.env
    dom = env.get_domain("handbook")
    found = related(dom, docname, app.config.handbook_related_limit)
    if not found:
        return []
    # Not indexed: other memoirs' titles and the topic names are not this page's words.
    items = nodes.bullet_list(classes=["handbook-related-list", "no-search"])
    for other, shared in found:
        para = memoir_line(app, fromdocname, other, dom.memoirs.get(other, {}))
        names = [topic_title(env, t) for t in shared]
        item = nodes.list_item("", para, nodes.paragraph(
            text="함께 다루는 주제: " + ", ".join(names), classes=["handbook-related-topics"]))
        items += item
    # A heading of its own (h2 on the web), outside the memoir's sections: the author's
    # structure and the page's table of contents stay as they were.
    heading = nodes.rubric(text=HEADING, classes=["handbook-related", "no-search"])
    heading["heading-level"] = 2
    return [heading, items]


def fill(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """doctree-resolved: fill the placeholders."""
    for node in list(doctree.findall(related_memoirs)):
        node.replace_self(build(app, fromdocname, node["docname"]))


def setup(app: Sphinx) -> None:
    app.add_config_value("handbook_related_limit", 5, "html", types=[int])
    app.add_node(related_memoirs)
    app.connect("doctree-read", place)
    app.connect("doctree-resolved", fill)
