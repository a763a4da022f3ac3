"""The handbook's validation rules: one message per rule, used by the build and ``make check``.

Each function returns ``(subtype, message, fix)``; the caller adds the location. Keeping the
wording here means a contributor reads the same sentence from ``make check`` and from the
strict Sphinx build.
"""

from __future__ import annotations

import re

Rule = tuple[str, str, str]

#: HTML that must never reach readers from a blog export.
_DANGEROUS_TAG = re.compile(r"<\s*(script|iframe|object|embed)\b", re.I)
_EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"javascript\s*:", re.I)
_JAVASCRIPT_IN_TEXT = re.compile(r"javascript\s*:[^\s)\]>\"']*", re.I)


def javascript_urls(text: str) -> list[str]:
    """The javascript: URLs written anywhere in a piece of text."""
    return _JAVASCRIPT_IN_TEXT.findall(text)


def unknown_tag(tag: str, vocabulary) -> Rule:
    return ("frontmatter", f"unknown tag `{tag}`",
            "use a key of `handbook_tags` in conf.py (" + ", ".join(vocabulary)
            + ") or add it there")


def unknown_topic(key: str, known: list[str]) -> Rule:
    return ("topic", f"unknown topic key `{key}` in a passage marker",
            "use the name of a page in topics/ (" + ", ".join(known) + ")")


def passage_without_summary() -> Rule:
    return ("passage", "passage marker without a summary",
            "add `:summary:` with one Korean line saying what the passage says")


def bad_passage_name(name: str) -> Rule:
    return ("passage", f"passage name `{name}` is not a plain ASCII anchor",
            "use lowercase letters, digits and dashes")


def duplicate_passage_id(anchor: str) -> Rule:
    return ("passage", f"duplicate passage id `{anchor}`", "give each passage its own `:name:`")


def empty_topic(topic: str) -> Rule:
    return ("empty-topic", f"topic `{topic}` gathers no passage",
            f"mark a passage with ```{{passage}} {topic}``` in a memoir")


def memoir_without_topic() -> Rule:
    return ("no-topic", "this memoir feeds no topic",
            "mark at least one passage with ```{passage} <topic>``` and a `:summary:`")


def raw_html(snippet: str) -> Rule:
    """Raw HTML in a memoir; scripts, frames, objects, handlers and javascript: worst of all."""
    snippet = " ".join(snippet.split())
    shown = snippet if len(snippet) <= 60 else snippet[:57] + "..."
    if _DANGEROUS_TAG.search(snippet) or _EVENT_HANDLER.search(snippet) or \
            JAVASCRIPT_URL.search(snippet):
        return ("unsafe-html", f"unsafe HTML in a memoir: `{shown}`",
                "delete it: scripts, frames, objects, on* handlers and javascript: URLs "
                "never reach readers")
    return ("raw-html", f"raw HTML in a memoir: `{shown}`",
            "write it in MyST (a figure, a line break `\\`, a heading, an admonition)")


def javascript_link(url: str) -> Rule:
    return ("unsafe-html", f"javascript: URL in a memoir: `{url}`",
            "delete the link: javascript: URLs never reach readers")


def image_without_alt(uri: str) -> Rule:
    return ("image-alt", f"image without alt text: {uri}",
            "add `:alt:` with a Korean description of the image")


def duplicate_label(label: str, first: str) -> Rule:
    return ("label", f"duplicate label `{label}` (first defined at {first})",
            "rename one of the two labels")


def unknown_cite_key(key: str) -> Rule:
    return ("cite", f"citation key `{key}` is not in references.bib",
            "fix the key or add a checked entry to references.bib")


def unused_bib_entry(key: str) -> Rule:
    return ("bib-unused", f"references.bib entry `{key}` is cited nowhere",
            "cite it where a memoir names the work, or remove the entry")


def bib_entry_without_link(key: str) -> Rule:
    return ("bib-link", f"references.bib entry `{key}` has no doi, eprint or url",
            "add the DOI, the arXiv id (eprint) or the publisher's URL")


def bib_syntax(detail: str) -> Rule:
    return ("bib-syntax", f"references.bib does not parse: {detail}",
            "fix the BibTeX syntax on this line")


def memoir_not_in_index(docname: str) -> Rule:
    return ("index", f"memoir `{docname}` is missing from the index",
            "keep the `memoirs/*` glob in the toctree of index.md")


def cites_without_reference_list() -> Rule:
    return ("cite", "this memoir cites works but has no reference list",
            "end it with `## 참고문헌` and a `{bibliography}` directive with "
            "`:filter: docname in docnames`")


def author_not_credited(author: str) -> Rule:
    return ("frontmatter", f"author `{author}` is not credited on the book's title page",
            "add the handle to `author` in conf.py")
