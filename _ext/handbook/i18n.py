"""Korean interface labels that the packages do not provide.

pydata-sphinx-theme (under sphinx-book-theme) ships no Korean catalogue, so its labels ("Skip
to main content", "On this page", ...) would stay English on a Korean site. The handbook's
catalogue ``locale/ko/LC_MESSAGES/sphinx.po`` fills them in; Sphinx consults it only after its
own catalogue and the themes' (``add_message_catalog`` adds a fallback), so nothing they
translate is overridden. ``sphinx.mo`` is compiled from it with ``make catalog``; a test keeps
the two in step.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

LOCALE_DIR = Path(__file__).parent / "locale"


def setup(app: Sphinx) -> None:
    app.add_message_catalog("sphinx", str(LOCALE_DIR))
