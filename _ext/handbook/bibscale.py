"""sphinxcontrib-bibtex 2.7.0 at the scale of a thousand memoirs: the same results, linear.

The handbook gives every memoir its own reference list (``:filter: docname in docnames``) and
has one site-wide list. sphinxcontrib-bibtex computes, for every list, which citation
references point at each entry and in which order the keys are first cited, by scanning all
citation references of the site (and sorting them with ``list.index``); and it resolves every
citation by scanning all citations of the site. With a list per memoir that is quadratic (the
sort cubic) in the number of memoirs: 231 s of a build at 1,000 memoirs.

``LinearBibtexDomain`` replaces the domain with a subclass that computes the same things from
indexes built once per ``env_updated`` (and, for resolution, once per set of citations):

- ``get_all_cited_keys``: the citation references sorted by a document-position dict;
- ``get_filtered_entries``: the documents citing each key, from one pass over the references;
- ``get_sorted_entries``: entries ordered by the first position of their key among all cited
  keys (the order the upstream loop yields them in);
- ``resolve_xref``: the upstream method, given only the citations of the requested keys.

Two more kinds of work that did not need to be done on every build:

- every build that read anything formatted every entry of every list again (pybtex, with
  tooltips twice): ``get_formatted_entries`` now keeps its results in the domain data, keyed by
  the list, its entries in order and each entry's content, so a list is formatted again only
  when one of these changed;
- touching references.bib made every citing page be read again (each depends on the file):
  the handbook drops that dependency and instead compares the entries' content before and
  after, and rewrites only the pages that cite a changed, added or removed entry, and the
  pages that list every entry (``bibliography.md``).

Upstream code is not copied beyond the filter call; results are identical (the tests compare
every reference list and citation link of the real handbook with upstream's). Written here
because no released sphinxcontrib-bibtex is linear; ``test_upstream_is_still_quadratic``
(tests/test_scale.py) fails once a release fixes it, and then this module can go.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinxcontrib.bibtex.domain import BibtexDomain, _FilterVisitor
from sphinxcontrib.bibtex.citation_target import parse_citation_targets


class LinearBibtexDomain(BibtexDomain):
    _index: dict[str, Any] | None = None
    _by_key: tuple[tuple[int, int], dict[str, list[int]]] | None = None

    def env_updated(self):
        self._index, self._by_key = {}, None
        try:
            result = super().env_updated()
            self.prune_formatted()
            return result
        finally:
            self._index = None

    def _cached(self, name: str, make):
        if self._index is None:  # outside env_updated: nothing to share
            return make()
        if name not in self._index:
            self._index[name] = make()
        return self._index[name]

    def _cited_docnames(self) -> dict[str, set[str]]:
        def make():
            found: dict[str, set[str]] = defaultdict(set)
            for ref in self.citation_refs:
                for target in ref.targets:
                    found[target.key].add(ref.docname)
            return found
        return self._cached("cited_docnames", make)

    def get_all_cited_keys(self, docnames):
        position = {docname: i for i, docname in enumerate(docnames)}

        def make():
            return [target.key for ref in sorted(self.citation_refs,
                                                 key=lambda c: position[c.docname])
                    for target in ref.targets]
        return iter(self._cached(("cited_keys", id(docnames), len(docnames)), make))

    def _first_position(self, docnames) -> dict[str, int]:
        def make():
            first: dict[str, int] = {}
            for i, key in enumerate(self.get_all_cited_keys(docnames)):
                first.setdefault(key, i)
            return first
        return self._cached(("first_position", id(docnames), len(docnames)), make)

    def get_filtered_entries(self, bibliography_key):
        bibliography = self.bibliographies[bibliography_key]
        cited = self._cited_docnames()
        for entry in self.get_entries(bibliography.bibfiles):
            key = bibliography.keyprefix + entry.key
            visitor = _FilterVisitor(entry=entry, docname=bibliography_key.docname,
                                     cited_docnames=cited.get(key, set()))
            try:
                success = visitor.visit(bibliography.filter_)
            except ValueError:
                # upstream reports the syntax error; one generic path keeps this one small
                yield from super().get_filtered_entries(bibliography_key)
                return
            if success or entry.key in bibliography.keys:
                yield key, entry

    def get_sorted_entries(self, bibliography_key, docnames):
        entries = dict(self.get_filtered_entries(bibliography_key))
        first = self._first_position(docnames)
        for key in sorted((k for k in entries if k in first), key=first.__getitem__):
            yield key, entries.pop(key)
        yield from entries.items()

    def get_formatted_entries(self, bibliography_key, docnames, tooltips, tooltips_style):
        bibliography = self.bibliographies[bibliography_key]
        prints = fingerprints(self)
        keys = tuple((key, prints.get(key[len(bibliography.keyprefix):]))
                     for key, _ in self.get_sorted_entries(bibliography_key, docnames))
        cache_key = (bibliography_key, bibliography.style, bibliography.keyprefix, keys,
                     tooltips, tooltips_style)
        cache = self.data.setdefault("handbook_formatted", {})
        if cache_key not in cache:
            cache[cache_key] = list(super().get_formatted_entries(
                bibliography_key, docnames, tooltips, tooltips_style))
        if self._index is not None:
            self._index.setdefault("used", set()).add(cache_key)
        return iter(cache[cache_key])

    def prune_formatted(self) -> None:
        """Keep only the formatted lists this build used (called after env_updated)."""
        used = (self._index or {}).get("used", set())
        cache = self.data.get("handbook_formatted", {})
        for key in [k for k in cache if k not in used]:
            del cache[key]

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        keys = {t.key for t in parse_citation_targets(target)}
        citations = self.citations
        if self._by_key is None or self._by_key[0] != (id(citations), len(citations)):
            index: dict[str, list[int]] = defaultdict(list)
            for i, citation in enumerate(citations):
                index[citation.key].append(i)
            self._by_key = ((id(citations), len(citations)), index)
        wanted = sorted(i for key in keys for i in self._by_key[1].get(key, ()))
        self.data["citations"] = [citations[i] for i in wanted]
        try:
            return super().resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
        finally:
            self.data["citations"] = citations


# -- references.bib edits rewrite only the pages they concern ------------------------------------

_OWN_CITATIONS = ast.dump(ast.parse("docname in docnames"))


def fingerprint(entry) -> str:
    """An entry's content: type, fields and persons, in a fixed order."""
    fields = sorted((k.lower(), str(v)) for k, v in entry.fields.items())
    persons = sorted((role, tuple(str(p) for p in people))
                     for role, people in entry.persons.items())
    return repr((entry.type, fields, persons))


def fingerprints(domain: BibtexDomain) -> dict[str, str]:
    """The fingerprint of every entry of the current bibliography data (memoized per data)."""
    data = domain.bibdata.data
    cached = getattr(domain, "_prints", None)
    if cached is None or cached[0] is not data:
        cached = (data, {key: fingerprint(e) for key, e in data.entries.items()})
        domain._prints = cached
    return cached[1]


def remember_entries(app: Sphinx) -> None:
    """builder-inited, before sphinxcontrib-bibtex reads references.bib: the entries as the
    last build knew them."""
    app.env.handbook_old_entries = dict(fingerprints(app.env.get_domain("cite")))


def find_changed_entries(app: Sphinx) -> None:
    """builder-inited, after sphinxcontrib-bibtex read references.bib: which entries changed."""
    old = getattr(app.env, "handbook_old_entries", {})
    new = fingerprints(app.env.get_domain("cite"))
    app.env.handbook_changed_entries = {k for k in old.keys() | new.keys()
                                        if old.get(k) != new.get(k)}
    del app.env.handbook_old_entries


def drop_bibfile_dependency(app: Sphinx, doctree) -> None:
    """doctree-read: a citing page is not re-read because references.bib was touched."""
    env = app.env
    bibfiles = {str((Path(app.confdir) / name).resolve()) for name in app.config.bibtex_bibfiles}
    deps = env.dependencies.get(env.docname)
    if deps:
        for dep in [d for d in deps if str(d) in bibfiles]:
            deps.discard(dep)


def pages_citing_changed_entries(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-get-updated: pages that cite a changed entry, and pages that list every entry."""
    changed = getattr(env, "handbook_changed_entries", set())
    if not changed:
        return []
    domain = env.get_domain("cite")
    pages = {ref.docname for ref in domain.citation_refs
             if any(t.key in changed for t in ref.targets)}
    pages |= {key.docname for key, value in domain.bibliographies.items()
              if not _filters_by_document(value)}
    env.handbook_changed_entries = set()
    return sorted(p for p in pages if p in env.all_docs)


def _filters_by_document(bibliography) -> bool:
    """Whether a list shows only its own page's citations (``:filter: docname in docnames``)."""
    return ast.dump(bibliography.filter_) == _OWN_CITATIONS


def setup(app: Sphinx) -> None:
    app.add_domain(LinearBibtexDomain, override=True)
    app.connect("builder-inited", remember_entries, priority=450)
    app.connect("builder-inited", find_changed_entries, priority=550)
    app.connect("doctree-read", drop_bibfile_dependency)
    app.connect("env-get-updated", pages_citing_changed_entries)
