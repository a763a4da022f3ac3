"""The handbook as a printed book (LaTeX/PDF) and as an e-book (EPUB).

The web pages are the handbook's first form; this module adapts the same doctrees to the
offline formats. Fonts, paper and Korean typesetting are configuration (``conf.py``, sections
"LaTeX / PDF" and "EPUB"); what needs code is here:

- Remote images (LaTeX and EPUB): Sphinx would try to download every ``https://`` image while
  writing, which fails offline and drops the image with a warning. Every remote image becomes a
  framed placeholder that names the image's address, so the build never touches the network and
  a reader knows what is missing; a figure keeps its caption.
- The book's structure (LaTeX): the front page's toctrees make the book (``latex_documents``
  has ``toctree_only``). A toctree caption with more than one chapter under it becomes a part
  (제1편 회고, 제2편 주제); a lone chapter (참고문헌) stands unnumbered at the top level. Tag
  pages only make sense on the web and are left out.
- Reference lists stay where the memoir put them (LaTeX): Sphinx moves every citation into one
  bibliography at the end of the book, which would leave each memoir's "참고문헌" heading empty
  and repeat the bibliography chapter. Each list is typeset in its chapter instead, with the
  anchors the in-text citations link to. A section left with nothing but its heading is removed.
- Emoji (LaTeX): the Noto CJK fonts have no emoji; each one is set with ``\\handbookemoji``,
  which takes the glyph from the emoji fonts named in ``conf.py``.
- The LaTeX build's unavoidable warning is filtered with the others, in ``unavoidable.py``.
- EPUB: Sphinx titles the e-book's table of contents in English; it is 차례 here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape
from sphinx.writers.latex import LaTeXTranslator

TEXINPUTS = Path(__file__).parent / "texinputs"

# -- Remote images (LaTeX and EPUB) ------------------------------------------------------------

class OfflineImages(SphinxPostTransform):
    """Replace every remote image by a placeholder naming its address (before downloading)."""

    builders = ("latex", "epub")
    # Sphinx's ImageDownloader runs at 100.
    default_priority = 90

    def run(self, **kwargs: Any) -> None:
        for image in list(self.document.findall(nodes.image)):
            if "://" in image["uri"]:
                image.replace_self(placeholder(image))


def placeholder(image: nodes.image) -> nodes.container:
    uri = image["uri"]
    box = nodes.container(classes=["handbook-remote-image"], ids=list(image["ids"]))
    in_figure = isinstance(image.parent, nodes.figure) and any(
        isinstance(child, nodes.caption) for child in image.parent)
    if image.get("alt") and not in_figure:
        box += nodes.paragraph(text=image["alt"])
    para = nodes.paragraph()
    para += nodes.Text("이미지는 온라인 원본에서 볼 수 있습니다: ")
    para += nodes.reference(uri, uri, refuri=uri)
    box += para
    return box


# -- The book's structure (LaTeX) --------------------------------------------------------------

class references_list(nodes.General, nodes.Element):
    """A reference list typeset where it stands (LaTeX only)."""


class reference_item(nodes.General, nodes.Element):
    """One entry of a ``references_list``: ``label`` and ``key`` (the citation anchor)."""


def visit_references_list(self: LaTeXTranslator, node: references_list) -> None:
    longest = max((item["label"] for item in node.children), key=len)
    self.body.append("\n\\begin{handbookreferences}{%s}\n" % self.encode(longest))


def depart_references_list(self: LaTeXTranslator, node: references_list) -> None:
    self.body.append("\\end{handbookreferences}\n")


def visit_reference_item(self: LaTeXTranslator, node: reference_item) -> None:
    # The key matches the anchor sphinxcontrib-bibtex links to: cite.<docname>:<id>.
    self.body.append("\\bibitem[%s]{%s}" % (self.encode(node["label"]), node["key"]))


def depart_reference_item(self: LaTeXTranslator, node: reference_item) -> None:
    pass


def _raw(latex: str) -> nodes.raw:
    return nodes.raw("", latex + "\n", format="latex")


class PrintBook(SphinxPostTransform):
    """Shape the assembled LaTeX document into the printed book (see the module docstring)."""

    builders = ("latex",)
    # After references are resolved (10), before Sphinx gathers citations at the end (750).
    default_priority = 700

    def run(self, **kwargs: Any) -> None:
        self.drop_web_only_pages()
        self.keep_reference_lists()
        self.drop_empty_sections()
        self.add_parts()

    def chapters(self) -> list[addnodes.start_of_file]:
        """The top-level documents of the book, in order."""
        return [node for node in self.document.findall(addnodes.start_of_file)
                if not any(isinstance(a, addnodes.start_of_file) for a in _ancestors(node))]

    def drop_web_only_pages(self) -> None:
        web_only = (self.config.tags_output_dir.strip("/") + "/",
                    self.config.handbook_year_dir.strip("/") + "/")
        for node in list(self.document.findall(addnodes.start_of_file)):
            if node["docname"].startswith(web_only) and node.parent is not None:
                node.parent.remove(node)

    def keep_reference_lists(self) -> None:
        for container in list(self.document.findall(nodes.container)):
            citations = [c for c in container.children if isinstance(c, nodes.citation)]
            if not citations or len(citations) != len(container.children):
                continue
            refs = references_list()
            for citation in citations:
                label = citation[0].astext() if isinstance(citation[0], nodes.label) else ""
                item = reference_item(label=label or citation["ids"][0],
                                      key=f"{citation['docname']}:{citation['ids'][0]}")
                item.extend(c.deepcopy() for c in citation.children
                            if not isinstance(c, nodes.label))
                refs += item
            container.replace_self(refs)

    def drop_empty_sections(self) -> None:
        """Remove a section left with its heading only by a reference list with no entries.

        sphinxcontrib-bibtex replaces such a list by a target that keeps only the list's ids
        (no names, classes or links: an author's label or a passage marker has those). A
        heading with anything else under it, or with nothing at all, stays.
        """
        def leftover(node: nodes.Node) -> bool:
            return isinstance(node, nodes.target) and not (
                node["names"] or node["classes"] or node.get("refid") or node.get("refuri"))

        for section in list(self.document.findall(nodes.section)):
            rest = section.children[1:]
            if rest and all(leftover(child) for child in rest):
                section.parent.remove(section)

    def add_parts(self) -> None:
        captions = toctree_captions(self.env, self.config.root_doc)
        groups: list[tuple[str, list[addnodes.start_of_file]]] = []
        for chapter in self.chapters():
            caption = captions.get(chapter["docname"], "")
            if groups and groups[-1][0] == caption:
                groups[-1][1].append(chapter)
            else:
                groups.append((caption, [chapter]))
        for caption, chapters in groups:
            first = chapters[0]
            if caption and len(chapters) > 1:
                latex = "\\handbookpart{%s}" % texescape.escape(caption, self.config.latex_engine)
            else:
                latex = "\\handbookbackmatter"
            first.parent.insert(first.parent.index(first), _raw(latex))


def _ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def toctree_captions(env, root_doc: str) -> dict[str, str]:
    """Docname -> caption of the root document's toctree that lists it."""
    captions: dict[str, str] = {}
    for toctree in env.get_doctree(root_doc).findall(addnodes.toctree):
        for _title, docname in toctree["entries"]:
            captions.setdefault(docname, toctree.get("caption") or "")
    return captions


# -- Emoji (LaTeX) -----------------------------------------------------------------------------

#: Pictographs, and what modifies them: skin tones, variation selectors, joiners, tags.
_PICTOGRAPH = "\u2600-\u27bf\U0001f000-\U0001faff"
_MODIFIER = "\U0001f3fb-\U0001f3ff\ufe0e\ufe0f\u20e3\U000e0020-\U000e007f"
_EMOJI = re.compile(f"[{_PICTOGRAPH}][{_MODIFIER}]*(?:\u200d[{_PICTOGRAPH}][{_MODIFIER}]*)*"
                    f"|[{_MODIFIER}\u200d]+")
_INVISIBLE = re.compile(f"[{_MODIFIER}\u200d]")


def emoji_latex(sequence: str) -> str:
    """LaTeX for one emoji sequence: its pictographs drawn, the whole sequence as its text.

    The fonts have no colour and no skin tones, so modifiers and joiners are not drawn (a
    skin-tone modifier alone is a swatch); the PDF's ActualText keeps the sequence whole for
    copying and searching.
    """
    utf16 = "FEFF" + sequence.encode("utf-16-be").hex().upper()
    glyphs = "".join("\\handbookemojiglyph{%s}" % c for c in _INVISIBLE.sub("", sequence))
    return "\\texorpdfstring{\\handbookemoji{%s}{%s}}{%s}" % (utf16, glyphs, sequence)


def set_emoji(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved (late, after the pages' generated text is in): mark up emoji."""
    if app.builder.name != "latex":
        return
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, (nodes.FixedTextElement, nodes.raw)):
            continue
        value = str(text)
        if not _EMOJI.search(value):
            continue
        new: list[nodes.Node] = []
        pos = 0
        for match in _EMOJI.finditer(value):
            if match.start() > pos:
                new.append(nodes.Text(value[pos:match.start()]))
            new.append(nodes.raw("", emoji_latex(match.group()), format="latex"))
            pos = match.end()
        if pos < len(value):
            new.append(nodes.Text(value[pos:]))
        index = parent.index(text)
        parent[index:index + 1] = new


# -- EPUB --------------------------------------------------------------------------------------

#: Sphinx writes these EPUB titles in English whatever the language ("XXX should be localized").
EPUB_TITLES = {"toc": "차례", "cover": "표지"}


def korean_epub_titles(app: Sphinx) -> None:
    """builder-inited: the e-book's table of contents is 차례, as in the PDF."""
    if app.builder.name == "epub" and app.config.language == "ko":
        app.builder.guide_titles = {**app.builder.guide_titles, **EPUB_TITLES}


# -- Setup -------------------------------------------------------------------------------------

def _add_texinputs(app: Sphinx, config) -> None:
    path = str(TEXINPUTS / "handbook.sty")
    if path not in config.latex_additional_files:
        config.latex_additional_files = [*config.latex_additional_files, path]


def setup(app: Sphinx) -> None:
    app.add_post_transform(OfflineImages)
    app.add_post_transform(PrintBook)
    app.add_node(references_list, latex=(visit_references_list, depart_references_list))
    app.add_node(reference_item, latex=(visit_reference_item, depart_reference_item))
    app.connect("doctree-resolved", set_emoji, priority=900)
    app.connect("config-inited", _add_texinputs)
    app.connect("builder-inited", korean_epub_titles)
    app.add_latex_package("handbook", after_hyperref=True)
