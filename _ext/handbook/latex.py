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
- Headings that number themselves (LaTeX): a memoir heading such as "1) 인공지능 연구실 컨택",
  "1. 자꾸 넘어지면서...", "(2) ...", "IV. ...", "①...", "1분기 (1월 ~ 3월)" or "제2부" carries the
  author's own number, and the book does not number it again ("4.2.1 1) ..."). It still stands
  in the bookmarks, and its counter still steps, so the headings after it keep their numbers.
  Months and years ("1월 - 부정맥 검출 연구", "2019년") are dates, not numbers: numbered as usual.
- Passage anchors (LaTeX): a passage's anchor goes into its first line (the first paragraph
  after the marker), or onto its heading when the passage is a section, so that the page a
  topic page gives, "(57쪽)", and the page its link opens are the page where the passage starts.
  An anchor of its own between two paragraphs would stay at the foot of the previous page
  when the passage starts a page.
- PDF metadata (LaTeX): the subject is the book's description (``epub_description``, the
  one description of the book), the keywords are the topics' titles, in the book's order.
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

from .passages import passage_topics

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
        self.mark_own_numbers()
        self.anchor_passages()

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

    def mark_own_numbers(self) -> None:
        for chapter in self.chapters():
            for section in list(chapter.findall(nodes.section)):
                depth = _section_depth(section, chapter)
                if not 1 <= depth < len(LATEX_SECTIONS) or not own_number(section[0].astext()):
                    continue
                parent = section.parent
                parent.insert(parent.index(section), _raw(
                    "\\handbookownnumber{%s}{%d}" % (LATEX_SECTIONS[depth], depth)))
                section.insert(1, _raw("\\handbookownnumberend"))

    def anchor_passages(self) -> None:
        for target in list(self.document.findall(nodes.target)):
            if "handbook-passage" not in target["classes"] or target.parent is None:
                continue
            ids = list(target["ids"]) or ([target["refid"]] if target.get("refid") else [])
            following = _next_element(target)
            if isinstance(following, nodes.section):
                following["ids"].extend(i for i in ids if i not in following["ids"])
                target.parent.remove(target)
                continue
            if isinstance(following, (nodes.figure, nodes.table)) and set(ids) <= set(
                    following["ids"]):
                continue  # labelled with the figure, which stands whole on one page
            if following is not None and not isinstance(following, nodes.paragraph):
                following = next(following.findall(nodes.paragraph), None)
            if following is not None:
                target.parent.remove(target)
                following.insert(0, target)


#: Sphinx's LaTeX sectioning commands below the book's parts, by depth in a chapter.
LATEX_SECTIONS = ("chapter", "section", "subsection", "subsubsection", "paragraph",
                  "subparagraph")

#: The start of a heading that carries its own number: "1)", "(1)", "1." (not "1.5"), Roman
#: numerals ("IV.", "ii)"), numeral characters ("Ⅳ", "①", "❶"), ordinals with a Korean unit
#: ("1분기", "2부", "3단계", "4번째", "제2장", "첫째"), "Part 2"/"Step 2"/"Chapter 2".
#: Dates are not numbers: "1월 - ...", "2019년", "2022 회고" are numbered like other headings.
_ROMAN = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})"
_OWN_NUMBER = re.compile(
    r"\s*(?:"
    r"\(?\d{1,3}\)"
    r"|\d{1,3}\.(?!\d)"
    rf"|\(?(?:{_ROMAN})[.)](?!\w)"
    r"|[\u2160-\u2188\u2460-\u24ff\u2776-\u2793]"
    r"|제\s*\d+\s*[장부편절막]"
    r"|\d{1,3}\s*(?:분기|부|장|편|절|막|단계|번째|주차|일차|회차)(?![가-힣])"
    r"|(?:첫|둘|셋|넷|다섯|여섯|일곱|여덟|아홉|열)째"
    r"|(?:Part|Step|Chapter|Section)\s+\d)")


def own_number(title: str) -> bool:
    """Whether a heading starts with the author's own number (see ``_OWN_NUMBER``)."""
    return _OWN_NUMBER.match(title) is not None


def _section_depth(section: nodes.section, chapter: nodes.Node) -> int:
    """0 for the chapter's own section, 1 for a section in it, and so on."""
    depth = -1
    node: nodes.Node | None = section
    while node is not None and node is not chapter:
        if isinstance(node, nodes.section):
            depth += 1
        node = node.parent
    return depth


def _next_element(node: nodes.Node) -> nodes.Node | None:
    """The element after ``node`` (in its parent or after it), skipping other targets and the
    web-only placeholders of a passage's topics (removed from the book after this runs)."""
    following = node.next_node(descend=False, siblings=True, ascend=True)
    while isinstance(following, (nodes.target, passage_topics)):
        following = following.next_node(descend=False, siblings=True, ascend=True)
    return following


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


# -- PDF metadata (LaTeX) ----------------------------------------------------------------------

def pdf_metadata(app: Sphinx, builder) -> None:
    """write-started: the PDF's subject (the book's description) and keywords (the topics)."""
    if builder.name != "latex":
        return
    topics = app.config.handbook_topic_dir.strip("/") + "/"
    titles = [app.env.titles[docname].astext()
              for docname in toctree_captions(app.env, app.config.root_doc)
              if docname.startswith(topics) and docname in app.env.titles]

    # Sphinx's default description is "unknown": no subject rather than that one.
    description = app.config.epub_description
    if description == app.config.values["epub_description"].default:
        description = ""

    def escape(text: str) -> str:
        return texescape.escape(text, app.config.latex_engine)

    # Once per builder, whatever the number of builds it writes.
    preamble = builder.context["preamble"].split(METADATA_MARK)[0]
    builder.context["preamble"] = preamble + METADATA_MARK + (
        "\\hypersetup{pdfsubject={%s}, pdfkeywords={%s}}\n"
        % (escape(description), ", ".join(map(escape, titles))))


METADATA_MARK = "\n% The PDF's subject and keywords (the topics), set by the extension.\n"


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
    app.connect("write-started", pdf_metadata)
    app.add_latex_package("handbook", after_hyperref=True)
