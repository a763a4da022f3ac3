"""The e-book (EPUB): what Sphinx's EPUB3 builder needs on top of the web pages.

Settings are in ``conf.py`` (section "EPUB"); remote images and the Korean guide titles are
shared with the printed book (``latex.py``).
"""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    pass
