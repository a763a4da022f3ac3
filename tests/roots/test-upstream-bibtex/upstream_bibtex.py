"""Puts sphinxcontrib-bibtex's own domain back (tests/test_scale.py compares the two)."""

from sphinxcontrib.bibtex.domain import BibtexDomain


def setup(app):
    app.setup_extension("handbook")
    app.add_domain(BibtexDomain, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
