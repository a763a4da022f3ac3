"""A gate that holds on every build, and output that follows the sources.

Sphinx reports a page's problems when it reads or writes the page. An incremental build that
reads nothing therefore says "build succeeded" after a build that failed: the broken page has not
changed. The handbook keeps a ledger of the documents that warned (``handbook-warned.json`` in
the doctree folder, written when the build ends); the next build reads those documents again
(``env-get-outdated``), so it reports the same warnings until the input is fixed. A warning that
belongs to no document (references.bib, a file name) makes the next build read the front page,
which runs the cross-document checks again.

When a document is added or removed, every page's navigation changes, so every page is written
again; the output files of a removed (or renamed) document are deleted, so no stale page stays
reachable in the output folder.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging as sphinx_logging

LEDGER = "handbook-warned.json"


class WarningLedger(logging.Handler):
    """Notes which documents received a warning during one build."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.docnames: set[str] = set()
        self.global_warning = False

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING:
            return
        config = self.app.config
        if sphinx_logging.is_suppressed_warning(getattr(record, "type", None),
                                                getattr(record, "subtype", None),
                                                config.suppress_warnings):
            return
        docname = self.docname_of(getattr(record, "location", None))
        if docname:
            self.docnames.add(docname)
        else:
            self.global_warning = True

    def docname_of(self, location) -> str | None:
        env = self.app.env
        if env is None:
            return None
        if isinstance(location, tuple):
            location = location[0]
        elif hasattr(location, "source"):  # a docutils node
            location = location.source or ""
        if not isinstance(location, str) or not location:
            return None
        if location in env.found_docs:
            return location
        path = location.rsplit(":", 1)[0] if ":" in location and not Path(location).exists() \
            else location
        try:
            return env.path2doc(path)
        except Exception:  # a path outside the source folder
            return None


def _ledger_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / LEDGER


def start(app: Sphinx) -> None:
    """builder-inited: listen to every warning of this build."""
    app.env.handbook_removed = set()  # filled by env-purge-doc of this build
    ledger = WarningLedger(app)
    app._handbook_ledger = ledger  # one per application, dropped with it
    logging.getLogger(sphinx_logging.NAMESPACE).addHandler(ledger)


def reread_warned(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                  removed: set[str]) -> list[str]:
    """env-get-outdated: the documents that warned last time are read again."""
    path = _ledger_path(app)
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    again = {doc for doc in data.get("docnames", []) if doc in env.found_docs}
    if data.get("global") and env.config.root_doc in env.found_docs:
        again.add(env.config.root_doc)
    return sorted(again - added - changed - removed)


def finish(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: write the ledger for the next build."""
    ledger: WarningLedger | None = getattr(app, "_handbook_ledger", None)
    if ledger is None:
        return
    logging.getLogger(sphinx_logging.NAMESPACE).removeHandler(ledger)
    path = _ledger_path(app)
    if ledger.docnames or ledger.global_warning or exception is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"docnames": sorted(ledger.docnames),
                                    "global": ledger.global_warning or exception is not None},
                                   ensure_ascii=False), encoding="utf-8")
    elif path.exists():
        path.unlink()


# -- output that follows the sources -------------------------------------------------------

def note_removed(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """env-purge-doc: remember documents that no longer exist (deleted or renamed)."""
    if docname not in env.found_docs:
        env.handbook_removed = getattr(env, "handbook_removed", set()) | {docname}


def rewrite_all_on_add_or_remove(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-get-updated: a document added or removed changes every page's navigation."""
    removed = getattr(env, "handbook_removed", set())
    added = env.found_docs - set(getattr(env, "handbook_known_docs", env.found_docs))
    env.handbook_known_docs = set(env.found_docs)
    if removed or added:
        return sorted(env.found_docs)
    return []


def delete_stale_output(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: delete the output files of documents that no longer exist."""
    env = app.env
    removed = getattr(env, "handbook_removed", set())
    if not removed or app.builder.format != "html" or not hasattr(app.builder, "get_outfilename"):
        return
    for docname in sorted(removed):
        for path in (Path(app.builder.get_outfilename(docname)),
                     Path(app.outdir) / "_sources" / (docname + ".md.txt")):
            if path.exists():
                path.unlink()
    env.handbook_removed = set()


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", start)
    app.connect("env-get-outdated", reread_warned)
    app.connect("env-purge-doc", note_removed)
    app.connect("env-get-updated", rewrite_all_on_add_or_remove)
    app.connect("build-finished", delete_stale_output)
    app.connect("build-finished", finish, priority=900)
