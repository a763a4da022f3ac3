"""The validation rules inside the Sphinx build, as warnings of type ``handbook``.

Memoir doctrees are checked for raw HTML, unsafe links and images without alt text;
references.bib is read strictly once per build; after reading, unused bibliography entries and
memoirs that feed no topic are reported. ``make check`` (``check.py``) applies the same rules,
with the same messages (``rules.py``), to the sources without building.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinxcontrib.bibtex.nodes import bibliography

from . import bibfile, rules
from .frontmatter import UNKNOWN_AUTHOR
from .domain import is_memoir
from .problems import warn

def _is_myst_hardbreak(node: nodes.raw) -> bool:
    """MyST renders a hard line break (a trailing backslash) as this raw HTML/LaTeX pair."""
    following = node.next_node(descend=False, siblings=True)
    return (node.astext() == "<br />\n" and isinstance(following, nodes.raw)
            and following.get("format") == "latex" and following.astext() == "\\\\\n")


def check_doctree(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: raw HTML, javascript: links and images without alt text in memoirs."""
    docname = app.env.docname
    if not is_memoir(app.config, docname):
        return
    for node in doctree.findall(nodes.raw):
        if "html" in node.get("format", "").split() and not _is_myst_hardbreak(node):
            warn(rules.raw_html(node.astext()), node)
    for node in doctree.findall(nodes.reference):
        uri = node.get("refuri", "")
        if rules.JAVASCRIPT_URL.match(uri.strip()):
            warn(rules.javascript_link(uri), node)
    for node in doctree.findall(nodes.Text):
        for url in rules.javascript_urls(node.astext()):
            warn(rules.javascript_link(url), node.parent)
    for node in doctree.findall(nodes.image):
        if not (node.get("alt") or "").strip():
            warn(rules.image_without_alt(node.get("uri", "")), node)
    cites = [n for n in doctree.findall(addnodes.pending_xref) if n.get("refdomain") == "cite"]
    if cites and not any(True for _ in doctree.findall(bibliography)):
        warn(rules.cites_without_reference_list(), cites[0])


def check_bibfile(app: Sphinx) -> None:
    """builder-inited: references.bib parses and every entry has a DOI, arXiv id or URL."""
    for name in app.config.bibtex_bibfiles:
        path = Path(app.srcdir) / name
        for line, rule in bibfile.read(path).problems:
            warn(rule, f"{path}:{line}")


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """env-check-consistency: unused entries, memoirs that feed no topic or whose author the
    title page does not credit."""
    domain = env.get_domain("handbook")
    for docname, values in sorted(domain.memoirs.items()):
        if not domain.topics_of(docname):
            warn(rules.memoir_without_topic(), (docname, 1))
        author = values.get("author")
        if isinstance(author, str) and author != UNKNOWN_AUTHOR and author not in app.config.author:
            warn(rules.author_not_credited(author), (docname, 1))
    cited = {target.key for ref in env.get_domain("cite").citation_refs for target in ref.targets}
    for name in app.config.bibtex_bibfiles:
        path = Path(app.srcdir) / name
        bib = bibfile.read(path)
        for key in bib.keys:
            if key not in cited:
                warn(rules.unused_bib_entry(key), f"{path}:{bib.lines.get(key, 1)}")


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", check_doctree)
    # Before sphinxcontrib-bibtex reads the file (priority 500), which stops at a syntax error
    # without naming the file.
    app.connect("builder-inited", check_bibfile, priority=400)
    app.connect("env-check-consistency", check_consistency)
