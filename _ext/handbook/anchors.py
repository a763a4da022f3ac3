"""Readable section anchors: the permalink a reader copies is the heading's Korean slug.

docutils makes a section's id from its title with ASCII letters only, so a Korean heading gets
a made-up ``id1``, ``id2``, ... that shifts whenever a section is added above it. MyST adds the
readable slug of every heading (``myst_heading_anchors``) as a second id. This puts the slug
first, so the heading's permalink, the page contents and every link Sphinx makes use it; the
made-up id stays as a second id, so old links still land. It runs before Sphinx collects the
page's table of contents (``doctree-read``, priority 400).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

AUTO_ID = re.compile(r"^id[0-9]+$")


def slugs_first(app: Sphinx, doctree: nodes.document) -> None:
    for section in doctree.findall(nodes.section):
        ids = section["ids"]
        readable = [i for i in ids if not AUTO_ID.match(i)]
        if readable and AUTO_ID.match(ids[0]):
            section["ids"] = readable + [i for i in ids if AUTO_ID.match(i)]


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", slugs_first, priority=400)
