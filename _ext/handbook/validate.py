"""The validation rules that are not part of parsing a page, as warnings of type ``handbook``.

- Files (every build, before reading): the names in the memoir and topic folders, and the
  encoding of every page about to be read. A page that is not UTF-8 is reported at the line of
  its first bad byte and left out of the build, instead of stopping Sphinx with a traceback.
- references.bib (every build, before sphinxcontrib-bibtex reads it): encoding, syntax, a key
  defined twice, an entry without a link, URL-bearing fields (``bibfile.py``).
- Each memoir doctree: citations without a reference list.
- Across documents (``env-check-consistency``): unused bibliography entries, the same memoir
  twice. Topic keys and topic pages are checked in ``passages.py``.

What a page may contain (raw HTML, directives, URLs, alt texts, ...) is checked while MyST parses
it (``content.py``). ``make check`` runs all of this as a build that writes nothing
(``check.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError

from sphinxcontrib.bibtex.nodes import bibliography

from . import bibfile, rules
from .domain import folder_prefix, is_memoir
from .problems import warn

MEMOIR_FILE = re.compile(r"^[0-9]{4}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
TOPIC_FILE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
#: Encodings a Korean blog export that is not UTF-8 is likely to be in (named in the fix).
LIKELY_ENCODINGS = ("cp949", "utf-16")


class BibliographyUnreadable(SphinxError):
    category = "references.bib cannot be read (see the warnings above)"


def check_files(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """env-before-read-docs: folder contents and encodings, on every build."""
    srcdir = Path(app.srcdir)
    for setting, pattern, rule in (("handbook_memoir_dir", MEMOIR_FILE, rules.bad_memoir_filename),
                                   ("handbook_topic_dir", TOPIC_FILE, rules.bad_topic_filename)):
        folder = srcdir / getattr(app.config, setting)
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_dir() or any(part.startswith(".") for part in
                                     path.relative_to(folder).parts):
                continue
            if path.parent != folder or not pattern.match(path.name):
                rel = path.relative_to(srcdir).as_posix()
                warn(rule(rel), f"{path}:1")
    for docname in list(docnames):
        path = Path(env.doc2path(docname))
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            warn(rules.not_utf8(line, _guess(data)), (docname, line))
            docnames.remove(docname)
            env.found_docs.discard(docname)


def _guess(data: bytes) -> str | None:
    for encoding in LIKELY_ENCODINGS:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def check_bibfile(app: Sphinx) -> None:
    """builder-inited: references.bib is read strictly, every build, before the bibtex
    extension reads it; a file it cannot read stops the build with the file and line named."""
    fatal = False
    for name in app.config.bibtex_bibfiles:
        path = Path(app.srcdir) / name
        bib = bibfile.read(path)
        for line, rule in bib.problems:
            warn(rule, f"{path}:{line}")
        fatal |= not bib.parsed
    if fatal:
        raise BibliographyUnreadable("fix references.bib at the line named above")


def check_doctree(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: a memoir that cites ends with its reference list."""
    if not is_memoir(app.config, app.env.docname):
        return
    cites = [n for n in doctree.findall(addnodes.pending_xref) if n.get("refdomain") == "cite"]
    if cites and not any(True for _ in doctree.findall(bibliography)):
        warn(rules.cites_without_reference_list(), cites[0])


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """env-check-consistency: unused entries and the same memoir twice."""
    domain = env.get_domain("handbook")
    seen: dict[tuple, str] = {}
    for docname, values in sorted(domain.memoirs.items()):
        keys = [("title", values.get("title"), values.get("author"))]
        if values.get("source_url"):
            keys.append(("source", values["source_url"]))
        for key in keys:
            if key in seen:
                warn(rules.duplicate_memoir(env.doc2path(seen[key], False)), (docname, 1))
                break
        for key in keys:
            seen.setdefault(key, docname)
    cited = {target.key for ref in env.get_domain("cite").citation_refs for target in ref.targets}
    for name in app.config.bibtex_bibfiles:
        path = Path(app.srcdir) / name
        bib = bibfile.read(path)
        for key in bib.keys:
            if key not in cited:
                warn(rules.unused_bib_entry(key), f"{path}:{bib.lines.get(key, 1)}")


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", check_files)
    app.connect("doctree-read", check_doctree)
    # Before sphinxcontrib-bibtex reads the file (priority 500), which stops at a syntax error
    # without naming the file.
    app.connect("builder-inited", check_bibfile, priority=400)
    app.connect("env-check-consistency", check_consistency)
