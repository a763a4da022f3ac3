"""Korean interface labels: the handbook's catalogue comes first.

pydata-sphinx-theme (under sphinx-book-theme) ships no Korean catalogue, Sphinx's Korean
catalogue leaves a few labels untranslated, and sphinx-book-theme's translates some wrongly
("By" as "으로"). The handbook's catalogues in ``locale/ko/LC_MESSAGES`` (``sphinx.po`` for the
"sphinx" domain, ``booktheme.po`` for the book theme's) fill the gaps and correct those.

Sphinx looks a message up in a chain of catalogues where the first one found wins and later
ones only fill gaps (``sphinx.locale.init``), and the themes register theirs while the builder
starts. So once every catalogue is loaded (``builder-inited``), the handbook's messages are
copied into the first catalogue of each chain: they win over every other translation of the
same message, and fill its gaps. The ``.mo`` files are compiled from the ``.po`` files with
``make catalog``; a test keeps them in step.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from sphinx import locale
from sphinx.application import Sphinx

LOCALE_DIR = Path(__file__).parent / "locale"
CATALOGS = ("sphinx", "booktheme")


def put_first(app: Sphinx) -> None:
    """builder-inited: the handbook's messages win in each catalogue chain."""
    language = app.config.language
    for catalog in CATALOGS:
        path = LOCALE_DIR / language / "LC_MESSAGES" / f"{catalog}.mo"
        if not path.is_file():
            continue
        with open(path, "rb") as mo:
            ours = gettext.GNUTranslations(mo)
        current = locale.translators.get(("general", catalog))
        if isinstance(current, gettext.GNUTranslations):
            # The chain's first catalogue: a dict from message to translation.
            current._catalog.update({k: v for k, v in ours._catalog.items() if k})
        else:
            locale.translators["general", catalog] = ours


def setup(app: Sphinx) -> None:
    # After the themes have registered their catalogues (sphinx-book-theme: builder-inited).
    app.connect("builder-inited", put_first, priority=900)
