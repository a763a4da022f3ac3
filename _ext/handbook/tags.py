"""Tag pages, generated from the controlled vocabulary ``handbook_tags``.

sphinx-tags writes its pages into the source tree on every build, by scanning the raw sources
for its directive. The handbook keeps tags in memoir front matter instead, so this module writes
the pages itself: one page per vocabulary tag, holding a ``{memoir-list}`` filtered by that tag,
and an overview page. Their text depends only on the vocabulary, so a file is rewritten only
when its text changes, and an ordinary build touches nothing in the source tree. The folder is
git-ignored: generated pages are never committed.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from .domain import ListSpec

logger = logging.getLogger(__name__)

OVERVIEW = "tagsindex"


def tag_pages(app: Sphinx) -> dict[str, str]:
    """File name -> text of every generated tag page."""
    config = app.config
    title = config.tags_page_title
    pages = {}
    for key, label in config.handbook_tags.items():
        pages[f"{key}.md"] = (
            f"(tag-{key})=\n# {title}: {label}\n\n"
            f"{config.tags_page_header}:\n\n"
            f"```{{memoir-list}}\n:tag: {key}\n```\n")
    entries = "\n".join(config.handbook_tags)
    pages[f"{OVERVIEW}.md"] = (
        f"(tagoverview)=\n# {config.tags_overview_title}\n\n"
        "회고마다 붙은 태그입니다. 태그를 고르면 그 태그가 붙은 회고를 연도순으로 볼 수 있습니다.\n\n"
        f"```{{toctree}}\n:maxdepth: 1\n\n{entries}\n```\n")
    return pages


def sync_generated_pages(app: Sphinx, folder: str, pages: dict[str, str], what: str) -> None:
    """Bring ``<srcdir>/<folder>`` in line with ``pages`` (file name -> text): a file is written
    only when its text changes, and files no longer wanted are removed. Tag and year pages."""
    outdir = Path(app.srcdir) / folder
    outdir.mkdir(exist_ok=True)
    for stale in outdir.glob("*.md"):
        if stale.name not in pages:
            stale.unlink()
    for name, text in pages.items():
        path = outdir / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            logger.info(f"handbook: wrote {what} {path.relative_to(app.srcdir)}")


def write_tag_pages(app: Sphinx) -> None:
    """builder-inited: bring ``<srcdir>/<tags_output_dir>`` in line with the vocabulary."""
    sync_generated_pages(app, app.config.tags_output_dir, tag_pages(app), "tag page")


class tag_list(nodes.General, nodes.Element):
    """Placeholder for the list of tags with their memoir counts (web only)."""


class TagListDirective(SphinxDirective):
    """``{tag-list}``: every tag of the vocabulary, linked to its page, with a count."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.get_domain("handbook").note_list(self.env.docname, ListSpec("tags"))
        node = tag_list("")
        self.set_source_info(node)
        return [node]


def fill_tag_lists(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """doctree-resolved: tags exist only on the web; print drops the list."""
    memoirs = app.env.get_domain("handbook").memoirs
    outdir = app.config.tags_output_dir.strip("/")
    for node in list(doctree.findall(tag_list)):
        if app.builder.format != "html":
            node.parent.remove(node)
            continue
        para = nodes.paragraph(classes=["handbook-tag-list"])
        for i, (key, label) in enumerate(app.config.handbook_tags.items()):
            count = sum(key in (values.get("tags") or []) for values in memoirs.values())
            if i:
                para += nodes.Text(" · ")
            para += make_refnode(app.builder, fromdocname, f"{outdir}/{key}", "",
                                 nodes.inline(text=f"{label} ({count})"), label)
        node.replace_self(para)


def setup(app: Sphinx) -> None:
    app.add_node(tag_list)
    app.add_directive("tag-list", TagListDirective)
    app.connect("builder-inited", write_tag_pages)
    app.connect("doctree-resolved", fill_tag_lists)
