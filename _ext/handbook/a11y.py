"""Accessible markup where docutils and the themes fall short (axe-core, WCAG 2.x A/AA).

- Reference lists: docutils writes each citation as ``role="doc-biblioentry"`` (deprecated
  in WAI-ARIA) inside ``role="list"``, so the list has no list items. The handbook writes each
  entry as a ``listitem``. The translator class is wrapped once the themes have chosen theirs
  (pydata-sphinx-theme replaces it when the builder starts).
- The sidebar search button and the sidebars' captions are the handbook's templates
  (``templates/``); colours are in ``static/handbook.css``.
"""

from __future__ import annotations

import types

from sphinx.application import Sphinx


class CitationListMixin:
    """Citations as list items of a list, not as deprecated DPub bibliography entries."""

    def visit_citation(self, node) -> None:
        if not isinstance(node.previous_sibling(), type(node)):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def wrap_translators(app: Sphinx) -> None:
    """builder-inited (after the themes): every HTML translator gets the mixin."""
    for name, klass in list(app.registry.translators.items()):
        if not issubclass(klass, CitationListMixin):
            app.registry.translators[name] = types.new_class(
                klass.__name__, (CitationListMixin, klass), {})
    builder = app.builder
    if builder.format == "html" and builder.name not in app.registry.translators:
        klass = builder.default_translator_class
        app.registry.translators[builder.name] = types.new_class(
            klass.__name__, (CitationListMixin, klass), {})


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", wrap_translators, priority=950)
