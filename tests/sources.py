"""Test helpers that read the handbook's sources with MyST's own Markdown parser.

The tests compare what the build made with what the sources say (every passage marker has its
anchor, every cited key is in the bibliography, ...); they find markers, figures, roles and the
front matter as parser tokens, not by regexes over the text. The handbook itself never reads a
source a second time: its rules run inside the build (``_ext/handbook/content.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from handbook import frontmatter

#: The MyST extensions conf.py enables; the parser must read sources the same way.
EXTENSIONS = {"colon_fence", "deflist"}


@dataclass(frozen=True)
class Found:
    token: Token
    line: int  # 1-based line in the file


def tokens(text: str) -> list[Token]:
    parser = create_md_parser(MdParserConfig(enable_extensions=EXTENSIONS), RendererHTML)
    return parser.parse(text)


def walk(text: str, offset: int = 0) -> Iterator[Found]:
    """Every token (nested ones included) with the file line it starts on.

    Inline children carry no line map: their line is the block's first line plus the line
    breaks that come before them.
    """
    for token in tokens(text):
        line = (token.map[0] if token.map else 0) + 1 + offset
        yield Found(token, line)
        for child in token.children or []:
            yield Found(child, line)
            if child.type in ("softbreak", "hardbreak"):
                line += 1


def directives(text: str, name: str) -> Iterator[Found]:
    """Fenced directives ``{name}`` (backtick or colon fences)."""
    for found in walk(text):
        token = found.token
        if token.type in ("fence", "colon_fence") and token.info.strip().startswith(
                "{" + name + "}"):
            yield found


def raw_html(text: str) -> Iterator[Found]:
    for found in walk(text):
        if found.token.type in ("html_block", "html_inline"):
            yield found


def roles(text: str, prefix: str) -> Iterator[Found]:
    """Inline roles whose name starts with ``prefix`` (e.g. ``cite``)."""
    for found in walk(text):
        token = found.token
        if token.type == "myst_role" and token.meta.get("name", "").startswith(prefix):
            yield found


def front_matter(path) -> frontmatter.FrontMatter:
    """The parsed front matter of a memoir file."""
    for token in tokens(path.read_text(encoding="utf-8")):
        if token.type == "front_matter":
            return frontmatter.parse(token.content, first_line=token.map[0] + 1)
    raise ValueError(f"{path} has no front matter")
