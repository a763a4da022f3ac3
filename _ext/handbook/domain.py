"""The handbook domain: cross-document data (memoirs and their passages), keyed by docname.

Modelled on ``sphinx.ext.todo``'s TodoDomain: each document's entries are removed in
``clear_doc`` and merged back from parallel readers in ``merge_domaindata``, so incremental and
``-j N`` builds see the same data as a fresh serial build.
"""

from __future__ import annotations

from typing import Any, Iterable, NamedTuple

from sphinx.config import Config
from sphinx.domains import Domain


def folder_prefix(config: Config, setting: str) -> str:
    """``"memoirs/"`` for ``handbook_memoir_dir``: the docname prefix of a configured folder."""
    return getattr(config, setting).rstrip("/") + "/"


def is_memoir(config: Config, docname: str) -> bool:
    return docname.startswith(folder_prefix(config, "handbook_memoir_dir"))


def topic_keys(env) -> list[str]:
    """The known topic keys: the names of the pages in the topic folder."""
    prefix = folder_prefix(env.config, "handbook_topic_dir")
    return sorted(d[len(prefix):] for d in env.found_docs if d.startswith(prefix))


def topic_title(env, key: str) -> str:
    """A topic's title (its page's), or its key when the page has none yet."""
    docname = folder_prefix(env.config, "handbook_topic_dir") + key
    return env.titles[docname].astext() if docname in env.titles else key


def reviewed_years(values: dict[str, Any]) -> list[int]:
    """The years a memoir reviews: its ``covers``, else its ``year``."""
    years = values.get("covers") or [values.get("year")]
    return sorted({y for y in years if isinstance(y, int)})


class Passage(NamedTuple):
    """A passage marker in a memoir: where it is and what the topic pages say of it."""

    id: str  # the anchor on the marked block
    topics: tuple[str, ...]  # the topic keys as written (checked across documents)
    summary: str
    section: str  # the title of the section it stands in
    line: int


class ListSpec(NamedTuple):
    """A generated list on a page: what it shows, so an edit rewrites only the pages it changes.

    kind: "memoirs" (``{memoir-list}``, filtered by ``tag`` or ``year``), "topic" (a topic
    page's passages, ``key`` is the topic), "topics" (``{topic-list}``), "tags" (``{tag-list}``).
    """

    kind: str
    key: str = ""
    year: int | None = None


class HandbookDomain(Domain):
    name = "handbook"
    label = "ML memoir handbook"
    # memoirs:  docname -> front matter values (plain, picklable types)
    # passages: docname -> [Passage, ...] in document order
    # lists:    docname -> [ListSpec, ...]: the generated lists a page shows
    # topic_lists: docname -> line of its {topic-passages} directive
    # term_counts: docname -> searchrank.TermCounts (what search ranks by)
    initial_data: dict[str, Any] = {"memoirs": {}, "passages": {}, "lists": {},
                                    "topic_lists": {}, "term_counts": {}}

    @property
    def memoirs(self) -> dict[str, dict[str, Any]]:
        return self.data.setdefault("memoirs", {})

    @property
    def passages(self) -> dict[str, list[dict[str, Any]]]:
        return self.data.setdefault("passages", {})

    @property
    def lists(self) -> dict[str, list[ListSpec]]:
        return self.data.setdefault("lists", {})

    @property
    def topic_lists(self) -> dict[str, int]:
        return self.data.setdefault("topic_lists", {})

    @property
    def term_counts(self) -> dict[str, Any]:
        return self.data.setdefault("term_counts", {})

    def clear_doc(self, docname: str) -> None:
        self._order = None
        self._topic_sets = None
        self.memoirs.pop(docname, None)
        self.passages.pop(docname, None)
        self.lists.pop(docname, None)
        self.topic_lists.pop(docname, None)
        self.term_counts.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        docnames = set(docnames)
        self._order = None
        self._topic_sets = None
        for key in ("memoirs", "passages", "lists", "topic_lists", "term_counts"):
            for docname, value in otherdata.get(key, {}).items():
                if docname in docnames:
                    self.data.setdefault(key, {})[docname] = value

    # -- adding -----------------------------------------------------------------

    def note_memoir(self, docname: str, values: dict[str, Any]) -> None:
        self._order = None
        self.memoirs[docname] = values

    def note_passage(self, docname: str, passage: Passage) -> None:
        self._topic_sets = None
        self.passages.setdefault(docname, []).append(passage)

    def note_term_counts(self, docname: str, counts: Any) -> None:
        self.term_counts[docname] = counts

    def note_list(self, docname: str, spec: ListSpec) -> None:
        self.lists.setdefault(docname, []).append(spec)

    def note_topic_list(self, docname: str, topic: str, line: int) -> None:
        self.note_list(docname, ListSpec("topic", topic))
        self.topic_lists.setdefault(docname, line)

    # -- querying ---------------------------------------------------------------

    #: memoirs_in_order, derived from ``memoirs`` and kept until a memoir is added, changed or
    #: removed (every written page asks for it: the sidebar, the credit line).
    _order: tuple[int, list[tuple[str, dict[str, Any]]]] | None = None

    def memoirs_in_order(self) -> list[tuple[str, dict[str, Any]]]:
        from .frontmatter import sort_key

        if self._order is None or self._order[0] != id(self.memoirs):
            self._order = (id(self.memoirs), sorted(
                self.memoirs.items(), key=lambda item: (sort_key(item[1]), item[0])))
        return self._order[1]

    def passages_for(self, topic: str) -> list[tuple[str, list[Passage]]]:
        """(memoir docname, its passages on ``topic``) in chronological memoir order."""
        result = []
        order = [doc for doc, _ in self.memoirs_in_order()]
        others = sorted(set(self.passages) - set(order))
        for docname in order + others:
            found = [p for p in self.passages.get(docname, []) if topic in p.topics]
            if found:
                result.append((docname, found))
        return result

    #: The known topic keys, derived from ``env.found_docs`` and kept while it is unchanged
    #: (every memoir header and related list asks).
    _known: tuple[int, int, frozenset[str]] | None = None

    def _known_topics(self) -> frozenset[str]:
        found = self.env.found_docs
        if self._known is None or self._known[:2] != (id(found), len(found)):
            self._known = (id(found), len(found), frozenset(topic_keys(self.env)))
        return self._known[2]

    #: topic_sets, derived from ``passages`` and kept until a passage is added or removed.
    _topic_sets: tuple[frozenset[str], dict[str, frozenset[str]]] | None = None

    def topic_sets(self) -> dict[str, frozenset[str]]:
        """Each memoir's (existing) topics as a set: what related lists compare."""
        known = self._known_topics()
        if self._topic_sets is None or self._topic_sets[0] is not known:
            self._topic_sets = (known, {doc: frozenset(self.topics_of(doc))
                                        for doc in self.passages})
        return self._topic_sets[1]

    _groups: tuple[int, int, dict] | None = None

    def topic_groups(self) -> dict[frozenset[str], list[tuple[int, str]]]:
        """Memoirs grouped by their set of topics, each group in chronological order as
        (position, docname): a related list looks at each group once, not at every memoir."""
        sets, order = self.topic_sets(), self.memoirs_in_order()
        if self._groups is None or self._groups[:2] != (id(sets), id(order)):
            groups: dict[frozenset[str], list[tuple[int, str]]] = {}
            for position, (docname, _) in enumerate(order):
                if sets.get(docname):
                    groups.setdefault(sets[docname], []).append((position, docname))
            self._groups = (id(sets), id(order), groups)
        return self._groups[2]

    def topics_of(self, docname: str) -> list[str]:
        """The (existing) topics a memoir feeds, in order of first appearance."""
        known = self._known_topics()
        seen: list[str] = []
        for passage in self.passages.get(docname, []):
            for topic in passage.topics:
                if topic in known and topic not in seen:
                    seen.append(topic)
        return seen

    # Nothing is cross-referenced through this domain's roles.
    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []
