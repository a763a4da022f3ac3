"""The warnings the handbook cannot avoid: the one place they are filtered, each with its reason.

A warning with a type is filtered by type through Sphinx's own ``suppress_warnings``; one that
Sphinx logs without a type is dropped by a logging filter that matches its exact (untranslated)
message and arguments, so nothing else is ever hidden.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import __
from sphinx.util import logging as sphinx_logging


@dataclass(frozen=True)
class Unavoidable:
    reason: str
    type: str = ""  # "type.subtype" for a typed warning
    loggers: tuple[str, ...] = ()  # for an untyped one: the loggers that emit it ...
    message: str = ""  # ... its untranslated message ...
    args: tuple = ()  # ... and its arguments


UNAVOIDABLE = [
    Unavoidable(
        type="bibtex.duplicate_citation",
        reason="Each memoir ends with its own reference list, and the site-wide bibliography "
               "page lists everything, so a work cited by two memoirs stands in two lists. "
               "sphinxcontrib-bibtex warns about that but resolves every citation to the list "
               "on its own page first, which is what the handbook wants (tests/test_site.py "
               "and tests/test_new_memoir.py check the links)."),
    Unavoidable(
        loggers=("sphinx.builders.latex", "sphinx.writers.latex"),
        message="no Babel option known for language %r", args=("ko",),
        reason="Babel has no Korean. The handbook does not use Babel at all (kotex names "
               "chapters, contents and bibliography in Korean), but Sphinx's LaTeX builder and "
               "writer ask Babel about `language` whenever they start, and Read the Docs always "
               "passes -D language=ko."),
]


class _MessageFilter(logging.Filter):
    """Drops one known untyped warning, compared in the language Sphinx prints it in."""

    def __init__(self, item: Unavoidable) -> None:
        super().__init__()
        self.item = item

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno == logging.WARNING
                    and tuple(record.args or ()) == self.item.args
                    and str(record.msg) == str(__(self.item.message)))


def _suppress_typed(app: Sphinx, config: Config) -> None:
    for item in UNAVOIDABLE:
        if item.type and item.type not in config.suppress_warnings:
            config.suppress_warnings = [*config.suppress_warnings, item.type]


def _filter_untyped() -> None:
    for item in UNAVOIDABLE:
        for name in item.loggers:
            target = logging.getLogger(f"{sphinx_logging.NAMESPACE}.{name}")
            if not any(isinstance(f, _MessageFilter) and f.item == item for f in target.filters):
                target.addFilter(_MessageFilter(item))


def setup(app: Sphinx) -> None:
    _filter_untyped()
    app.connect("config-inited", _suppress_typed)
