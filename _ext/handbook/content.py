"""The allow-list for content: what MyST syntax memoirs, topic pages and the front page may use.

Content comes from people the maintainers do not know, so the handbook does not list what is
forbidden; it lists what is allowed (``TOKENS``, ``DIRECTIVES``, ``ROLES``), and everything else
is an error at its ``path:line``, with the fix. The README's "Allowed syntax" section documents
the same table.

The check is part of MyST's own parse, not a second reading of the source: the handbook
registers MyST's Sphinx parser with a renderer that passes every token, at every depth (inside
admonitions and figure captions too, which MyST renders through the same renderer), through
:meth:`GateRenderer.admit` before MyST renders it. A refused token is not rendered at all, so
nothing refused reaches a reader even if a build is published despite its warnings. The same
parse also reads the front matter with the line of every key (``frontmatter.parse``), hands it to
``memoirs.py`` through ``env.temp_data``, and refuses MyST's file-level ``myst:`` settings
(``html_meta``, substitutions, extensions), which a contributor must never control.

Generated pages (the tag pages in ``tags_output_dir``, the year pages in ``handbook_year_dir``)
are the handbook's own and are not gated.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from docutils import nodes
from docutils.parsers.rst import directives as rst_directives
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.base import token_line
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.directives import MarkupError, parse_directive_text
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import frontmatter, rules, urls
from .domain import folder_prefix, is_memoir
from .problems import warn

# -- page kinds ------------------------------------------------------------------------------

MEMOIR, TOPIC, ROOT, BIBLIOGRAPHY, PAGE, GENERATED = (
    "memoir", "topic", "root", "bibliography", "page", "generated")
EVERY_PAGE = frozenset((MEMOIR, TOPIC, ROOT, BIBLIOGRAPHY, PAGE))
WHERE = {
    frozenset((MEMOIR,)): "in memoirs",
    frozenset((TOPIC,)): "on topic pages",
    frozenset((ROOT,)): "on the front page (index.md)",
    frozenset((BIBLIOGRAPHY,)): "on the bibliography page",
}


def page_kind(env: BuildEnvironment, docname: str) -> str:
    config = env.config
    if docname.startswith((config.tags_output_dir.strip("/") + "/",
                           config.handbook_year_dir.strip("/") + "/")):
        return GENERATED
    if is_memoir(config, docname):
        return MEMOIR
    if docname.startswith(folder_prefix(config, "handbook_topic_dir")):
        return TOPIC
    if docname == config.root_doc:
        return ROOT
    if docname == config.handbook_bibliography_doc:
        return BIBLIOGRAPHY
    return PAGE


# -- the allow-list --------------------------------------------------------------------------

#: Markdown constructs (markdown-it token types) every content page may use.
TOKENS = frozenset((
    "paragraph", "inline", "text", "softbreak", "hardbreak", "heading", "bullet_list",
    "ordered_list", "list_item", "blockquote", "em", "strong", "link", "code_inline",
    "code_block", "fence", "colon_fence", "hr", "myst_role", "front_matter",
))

#: What the refused constructs are called, and how to write them instead.
REFUSED_TOKENS = {
    "image": ("a Markdown image `![...](...)`",
              "write a ```{figure}``` with `:alt:` and a Korean caption"),
    "table": ("a table", "write the rows as a list"),
    "myst_target": ("a label `(name)=`", "delete it: link to a page by its file name"),
    "footnote_ref": ("a footnote", "put the note in the text, in parentheses"),
    "footnote_reference": ("a footnote", "put the note in the text, in parentheses"),
    "footnote_block": ("a footnote", "put the note in the text, in parentheses"),
    "myst_line_comment": ("a `%` comment", "delete it"),
    "myst_block_break": ("a block break `+++`", "delete it"),
    "dl": ("a definition list", "write a bullet list"),
    "substitution_inline": ("a substitution `{{...}}`", "write the text itself"),
    "substitution_block": ("a substitution `{{...}}`", "write the text itself"),
    "math_inline": ("math", "write it as text"),
    "math_block": ("math", "write it as text"),
}


@dataclass(frozen=True)
class Allowed:
    """Where a directive may stand and which options it may take."""

    kinds: frozenset[str]
    options: tuple[str, ...] = ()
    check: Callable[["GateRenderer", str, dict, int], bool] | None = None


ADMONITIONS = ("note", "tip", "hint", "important", "warning", "caution", "attention", "danger",
               "error", "seealso")


def _check_figure(gate: "GateRenderer", argument: str, options: dict, line: int) -> bool:
    ok = gate.check_url(argument.strip(), line, schemes=urls.WEB_SCHEMES, local=False)
    if not str(options.get("alt", "")).strip():
        gate.refuse(rules.image_without_alt(argument.strip()), line)
        ok = False
    return ok


def _check_bibliography(gate: "GateRenderer", argument: str, options: dict, line: int) -> bool:
    if gate.kind != MEMOIR:
        return True
    if options != {"filter": "docname in docnames"}:
        found = ", ".join(f"`:{k}: {v}`".replace(" None`", "`") for k, v in options.items())
        gate.refuse(rules.bibliography_filter(found or "every work (no `:filter:`)"), line)
    return True  # a list of every work is harmless; the warning fails the build


DIRECTIVES: dict[str, Allowed] = {
    **{name: Allowed(EVERY_PAGE) for name in ADMONITIONS},
    "figure": Allowed(EVERY_PAGE, ("alt", "width", "align"), _check_figure),
    "passage": Allowed(frozenset((MEMOIR,)), ("summary", "name")),
    "bibliography": Allowed(frozenset((MEMOIR, BIBLIOGRAPHY)), ("filter", "all", "list"),
                            _check_bibliography),
    "topic-passages": Allowed(frozenset((TOPIC,))),
    "memoir-list": Allowed(frozenset((ROOT,)), ("tag",)),
    "topic-list": Allowed(frozenset((ROOT,))),
    "tag-list": Allowed(frozenset((ROOT,))),
    "timeline": Allowed(frozenset((PAGE,))),
    "toctree": Allowed(frozenset((ROOT,)), ("caption", "maxdepth", "glob", "hidden")),
}

#: Roles: links to handbook pages, and citations (in memoirs, which end with their list).
ROLES: dict[str, frozenset[str]] = {"doc": EVERY_PAGE}
CITE_ROLE = re.compile(r"^cite:[a-z]+$")

REFUSED_DIRECTIVES = {
    "raw": "write it in MyST",
    "eval-rst": "write it in MyST",
    "include": "paste the text into the page",
    "literalinclude": "paste the text into the page",
    "csv-table": "write the rows as a list",
    "list-table": "write the rows as a list",
    "table": "write the rows as a list",
    "meta": "delete it: pages take no meta tags",
    "image": "write a ```{figure}``` with `:alt:` and a Korean caption",
    "tags": "put the memoir's tags in its front matter (`tags: [...]`)",
}
DEFAULT_DIRECTIVE_FIX = ("use only the directives the README allows: figure, admonitions "
                         "(note, tip, ...), passage, bibliography")
DEFAULT_ROLE_FIX = "use only {cite:p} and {doc}, or write plain text"

_DANGEROUS_HTML = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed|style|base|meta|link|form|svg|math)\b"
    r"|\son[a-z]+\s*=|javascript\s*:|vbscript\s*:|data\s*:", re.I)
# Characters no memoir needs and that can hide text or reorder it (C0/C1 controls except tab and
# line breaks, and the bidirectional overrides of "Trojan source").
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def bad_characters(text: str) -> list[tuple[int, str]]:
    """(line, character) of every control character that has no place in content."""
    found = []
    for index, ch in enumerate(text):
        if ch in "\t\n\r":
            continue
        if ch in _BIDI or (unicodedata.category(ch) == "Cc"):
            found.append((text.count("\n", 0, index) + 1, ch))
    return found


# -- the gate --------------------------------------------------------------------------------

class GateRenderer(SphinxRenderer):
    """MyST's Sphinx renderer, with every token admitted by the allow-list first."""

    def setup_render(self, options, env) -> None:
        super().setup_render(options, env)
        sphinx_env = self.sphinx_env
        self.docname = sphinx_env.docname
        self.kind = page_kind(sphinx_env, self.docname)
        self.titles: list[tuple[str, int]] = []
        if self.kind == GENERATED:
            return
        for name, method in list(self.rules.items()):
            self.rules[name] = self._gated(name[len("render_"):], method)

    def _gated(self, token_type: str, method):
        def render(token: SyntaxTreeNode) -> None:
            if self.admit(token_type, token):
                method(token)
        return render

    # -- reporting -------------------------------------------------------------------------

    def refuse(self, rule: rules.Rule, line: int) -> None:
        warn(rule, (self.docname, line))

    def check_url(self, url: str, line: int, *, schemes=urls.LINK_SCHEMES,
                  local: bool = True) -> bool:
        why = urls.problem(url, schemes=schemes, local_ok=self.is_page if local else None)
        if why:
            self.refuse(rules.bad_url(url, why), line)
            return False
        return True

    def is_page(self, path: str) -> bool:
        """Whether a relative link names a handbook page (``../topics/ecg.md``, ``ecg``)."""
        base = posixpath.dirname(self.docname)
        target = posixpath.normpath(posixpath.join(base, path)) if path else self.docname
        for suffix in (".md", ".html", ""):
            if suffix and target.endswith(suffix):
                target = target[: -len(suffix)]
                break
        return target in self.sphinx_env.found_docs

    # -- the allow-list ----------------------------------------------------------------------

    def admit(self, token_type: str, token: SyntaxTreeNode) -> bool:
        line = token_line(token, default=0)
        if token_type in ("html_block", "html_inline"):
            content = token.content
            self.refuse(rules.raw_html(content, bool(_DANGEROUS_HTML.search(content))), line)
            return False
        if token_type not in TOKENS:
            what, fix = REFUSED_TOKENS.get(token_type, (
                f"`{token_type}` syntax", "use only the syntax the README allows"))
            self.refuse(rules.disallowed(what, fix), line)
            return False
        if token_type == "front_matter":
            return self.admit_front_matter(token, line)
        if token_type == "heading" and token.tag == "h1":
            self.titles.append((self.plain_text(token), line))
        if token_type == "link":
            return self.check_url(str(token.attrGet("href") or ""), line)
        if token_type == "myst_role":
            return self.admit_role(token, line)
        if token_type in ("fence", "colon_fence"):
            parts = (token.info or "").strip().split(maxsplit=1)
            name = parts[0] if parts else ""
            if name.startswith("{") and name.endswith("}"):
                return self.admit_directive(name[1:-1], parts[1] if len(parts) > 1 else "",
                                            token, line)
            if token_type == "colon_fence":
                self.refuse(rules.disallowed("a `:::` block without a directive",
                                             "use a ```{note}``` or plain paragraphs"), line)
                return False
        return True

    def admit_role(self, token: SyntaxTreeNode, line: int) -> bool:
        name = token.meta.get("name", "")
        if CITE_ROLE.match(name):
            if self.kind != MEMOIR:
                self.refuse(rules.misplaced(f"the `{{{name}}}` role", WHERE[frozenset((MEMOIR,))]),
                            line)
                return False
            return True
        kinds = ROLES.get(name)
        if kinds is None:
            fix = ("link to the page with a Markdown link instead" if name == "download"
                   else DEFAULT_ROLE_FIX)
            self.refuse(rules.disallowed(f"the `{{{name}}}` role", fix), line)
            return False
        return True

    def admit_directive(self, name: str, argument: str, token: SyntaxTreeNode,
                        line: int) -> bool:
        allowed = DIRECTIVES.get(name)
        if allowed is None:
            self.refuse(rules.disallowed(f"the `{{{name}}}` directive",
                                         REFUSED_DIRECTIVES.get(name, DEFAULT_DIRECTIVE_FIX)),
                        line)
            return False
        if self.kind not in allowed.kinds:
            if name == "passage":
                self.refuse(rules.passage_outside_memoir(), line)
            else:
                self.refuse(rules.misplaced(f"the `{{{name}}}` directive",
                                            WHERE.get(allowed.kinds, "in memoirs")), line)
            return False
        directive_class, _ = rst_directives.directive(name, self.language_module_rst,
                                                      self.document)
        try:
            parsed = parse_directive_text(directive_class, argument, token.content, line=line,
                                          validate_options=False)
        except MarkupError:
            return True  # MyST reports the malformed directive itself
        ok = True
        for option in parsed.options:
            if option not in allowed.options:
                self.refuse(rules.unknown_option(name, option, allowed.options), line)
                ok = False
        if ok and allowed.check is not None:
            ok = allowed.check(self, " ".join(parsed.arguments) or argument, parsed.options,
                               line)
        return ok

    def admit_front_matter(self, token: SyntaxTreeNode, line: int) -> bool:
        if self.kind != MEMOIR:
            self.refuse(rules.frontmatter_outside_memoir(), line)
            return False
        try:
            parsed = frontmatter.parse(str(token.content), first_line=line)
        except frontmatter.FrontMatterError as exc:
            self.refuse(("frontmatter", exc.message, exc.fix), exc.line)
            parsed = None
        # memoirs.py validates and stores it once the doctree is read.
        self.sphinx_env.temp_data["handbook_frontmatter"] = parsed
        return False  # the header is generated from it; MyST's docinfo field list is not wanted

    @staticmethod
    def plain_text(token: SyntaxTreeNode) -> str:
        return "".join(t.content for t in token.walk() if t.type in ("text", "code_inline"))


class HandbookParser(MystParser):
    """MyST's Sphinx parser, reading through the gate.

    It differs from ``MystParser.parse`` in two ways: control characters are reported (and
    dropped) and a leading byte order mark is accepted; and the file-level ``myst:`` front
    matter settings are never merged into the configuration.
    """

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env: BuildEnvironment = document.settings.env
        inputstring = inputstring.removeprefix("\ufeff")
        if page_kind(env, env.docname) != GENERATED:
            found = bad_characters(inputstring)
            reported = set()
            for line, ch in found:
                if (line, ch) not in reported:
                    reported.add((line, ch))
                    warn(rules.control_character(ch), (env.docname, line))
            if found:
                inputstring = "".join(ch for ch in inputstring
                                      if ch not in {c for _, c in found})
        parser = create_md_parser(env.myst_config, GateRenderer)
        parser.options["document"] = document
        parser.render(inputstring)
        renderer = parser.renderer
        if renderer.kind != GENERATED:
            titles = renderer.titles
            if len(titles) != 1:
                warn(rules.title_count(len(titles)), (env.docname, titles[1][1] if titles else 1))
            env.temp_data["handbook_title"] = titles[0] if titles else None


def unlink_refused_urls(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: a link whose URL the policy refuses becomes its text.

    Links from pages are refused while parsing; this catches the ones other extensions make
    from data (sphinxcontrib-bibtex from references.bib, the memoir header from front matter),
    whose source has been reported already, so that the page a failed build leaves behind
    carries no such link either.
    """
    for ref in list(doctree.findall(nodes.reference)):
        uri = ref.get("refuri")
        if uri and urls.scheme(uri) is not None and urls.scheme(uri) not in urls.LINK_SCHEMES:
            ref.replace_self(nodes.inline("", "", *ref.children))


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", unlink_refused_urls, priority=800)
    app.setup_extension("myst_parser")
    app.add_config_value("handbook_bibliography_doc", "bibliography", "env", types=[str])
    app.add_source_parser(HandbookParser, override=True)
