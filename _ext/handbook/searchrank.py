"""What search ranks by: how often a page uses a word, and where.

Sphinx's search index records, for each term, only which pages hold it (and separately which
hold it in a title), so its ranking has two levels: a title match, then any text match. A tag
page that repeats a memoir's one-line summary ranked with the memoir that discusses the word
all through. This module adds what the browser needs to weigh results:

- **How often.** At read time each page's own text (not the generated memoir header, not the
  topics lines, not citations before they are resolved) is counted with the same analyzer as
  the index (``search.analyze``); the counts of terms a page uses at least twice are kept in
  the handbook domain (``TermCounts``, keyed by docname) and written once per build to
  ``searchweights.js``, which only the search page loads. ``search_ko.js`` adds a bonus that
  grows with the logarithm of the count to a page's score.
- **Where.** A word in a title scores above the same word in the text (Sphinx's own levels);
  a word only in the memoir's metadata (its topics, tags, author, years) scores lowest: the
  header is not indexed as text (``no-search``) but its names are given to the index as the
  page's ``<meta name="keywords">``, whole, so a query matches them only as part of a longer
  term (Sphinx's "partial" level). A reader searching "취업" still finds the memoirs filed
  under the topic 취업과 커리어, after those whose text uses the word.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from docutils import nodes
from sphinx.application import Sphinx

from .domain import is_memoir, reviewed_years, topic_title
from .published import is_website, write_output
from .search import SearchKorean, analyze

#: The file the search page loads (next to searchindex.js).
WEIGHTS_FILE = "searchweights.js"


class TermCounts(NamedTuple):
    """The terms a page's own text uses at least twice, with their counts, sorted by term.

    Kept as one string ("term\tcount" lines) rather than a tuple of pairs: a thousand memoirs
    hold about half a million pairs, and as separate objects they slowed every garbage
    collection of the build (a clean build of 1,000 memoirs took 5.9 times as long as one of
    200; see docs/performance.md).
    """

    packed: str

    @classmethod
    def of(cls, counts) -> "TermCounts":
        return cls("\n".join(f"{t}\t{n}" for t, n in sorted(counts.items()) if n > 1))

    @property
    def counts(self) -> list[tuple[str, int]]:
        return [(t, int(n)) for t, n in (line.split("\t") for line in self.packed.splitlines())]


def _skipped(node: nodes.Node) -> bool:
    if isinstance(node, (nodes.comment, nodes.raw)):
        return True
    if isinstance(node, nodes.Element):
        # no-search: what Sphinx's indexer skips; pending_*: citations and cross-references,
        # whose text at read time is a key, not what the reader sees.
        return "no-search" in node["classes"] or type(node).__name__.startswith("pending")
    return False


def count_terms(doctree: nodes.Node) -> Counter:
    """Counts of the index terms in a doctree's own text."""
    found: Counter = Counter()
    keep = SearchKorean({}).word_filter

    def visit(node: nodes.Node) -> None:
        if _skipped(node):
            return
        if isinstance(node, nodes.Text):
            found.update(t for t in analyze(node.astext()) if keep(t))
            return
        for child in node.children:
            visit(child)

    visit(doctree)
    return found


def collect(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: keep the counts of the terms this page uses more than once."""
    app.env.get_domain("handbook").note_term_counts(app.env.docname,
                                                    TermCounts.of(count_terms(doctree)))


def keywords(app: Sphinx, docname: str) -> list[str]:
    """A memoir's metadata words: author, years, topics and tags (its header's names)."""
    from .frontmatter import UNKNOWN_AUTHOR

    env = app.env
    dom = env.get_domain("handbook")
    values = dom.memoirs.get(docname, {})
    words = [values["author"]] if values.get("author") not in (None, "", UNKNOWN_AUTHOR) else []
    words += [f"{year}년" for year in reviewed_years(values)]
    words += [topic_title(env, topic) for topic in dom.topics_of(docname)]
    words += [app.config.handbook_tags[t] for t in values.get("tags") or []
              if t in app.config.handbook_tags]
    return [w.replace(",", " ") for w in dict.fromkeys(words) if w]


def add_keywords(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: a memoir's metadata as ``<meta name="keywords">`` (indexed whole)."""
    if app.builder.format != "html" or not is_memoir(app.config, docname):
        return
    words = keywords(app, docname)
    if words:
        doctree.append(nodes.meta(name="keywords", content=", ".join(words)))


def weights(app: Sphinx) -> dict:
    """The data of searchweights.js: docnames, and term -> [[docname index, count], ...]."""
    dom = app.env.get_domain("handbook")
    docnames = sorted(d for d in dom.term_counts if d in app.env.all_docs)
    counts: dict[str, list[list[int]]] = {}
    for i, docname in enumerate(docnames):
        for term, n in dom.term_counts[docname].counts:
            counts.setdefault(term, []).append([i, n])
    return {"docnames": docnames, "counts": dict(sorted(counts.items()))}


def write_weights(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: searchweights.js beside searchindex.js (HTML builders with search)."""
    builder = app.builder
    if exception is not None or not is_website(builder) or not getattr(builder, "search", False):
        return
    write_output(Path(builder.outdir, WEIGHTS_FILE), "var HandbookSearchWeights = " + json.dumps(
        weights(app), ensure_ascii=False, separators=(",", ":")) + ";\n")


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", collect)
    app.connect("doctree-resolved", add_keywords)
    # Before the output check (priority 600) reads the pages that load it.
    app.connect("build-finished", write_weights, priority=400)
