"""The handbook's validation rules: the wording of every problem, written once.

Each function returns ``(subtype, message, fix)``; the caller adds the location and reports it
with ``problems.warn``. The build and ``make check`` (which is the same build with a builder that
writes nothing) therefore print the same sentence at the same ``path:line``. The README's
"Reading errors" table lists every subtype; ``tests/test_rules.py`` keeps the two in
step.
"""

from __future__ import annotations

Rule = tuple[str, str, str]

#: Every subtype a handbook warning can carry, with what it is about (the README's table).
SUBTYPES = {
    "encoding": "a file that is not UTF-8, or holds NUL or other control characters",
    "filename": "a file in memoirs/ or topics/ whose name the build would skip or misread",
    "frontmatter": "a missing or unknown field, a wrong type, an impossible date, an unknown "
                   "tag, a duplicate key, a title or year that disagrees with the file",
    "syntax": "MyST syntax outside the allow-list (raw, eval-rst, include, tables, meta, ...), "
              "or an allowed directive used on the wrong page or with an unknown option",
    "raw-html": "raw HTML in any content file",
    "unsafe-html": "`<script>`, `<iframe>`, `<object>`, `<embed>`, `<style>`, on* handlers",
    "url": "a link, image or bibliography URL that is not http(s), mailto or a handbook page",
    "image-alt": "a figure without `:alt:`",
    "heading": "a content file without exactly one `# ` title",
    "topic": "an unknown topic key; a topic page without its `{topic-passages}` list",
    "passage": "a marker without `:summary:`, with a bad or duplicate `:name:`, with nothing "
               "after it, or outside a memoir",
    "empty-topic": "a topic page that gathers no passage",
    "no-topic": "a memoir that feeds no topic",
    "duplicate-memoir": "the same memoir (title and author, or source URL) twice",
    "cite": "a memoir that cites without a reference list, or whose list is not filtered to it",
    "bib-unused": "a references.bib entry nothing cites",
    "bib-link": "a references.bib entry without doi, eprint or url",
    "bib-syntax": "references.bib does not parse (syntax, duplicate key, encoding)",
    "output": "the written HTML, EPUB or LaTeX holds something the handbook never emits",
}


# -- files and encodings ---------------------------------------------------------------------

def not_utf8(line: int, guess: str | None) -> Rule:
    fix = "save the file as UTF-8"
    if guess:
        fix += f" (it reads as {guess}: `iconv -f {guess} -t utf-8`)"
    return ("encoding", f"the file is not valid UTF-8 (first bad byte on line {line})", fix)


def control_character(char: str) -> Rule:
    return ("encoding", f"control character U+{ord(char):04X} in the text",
            "delete it (tabs, line breaks and ordinary characters are fine)")


def bad_memoir_filename(name: str) -> Rule:
    return ("filename", f"`{name}` is not a memoir file name the handbook builds",
            "name memoirs `<year>-<ascii-slug>.md` in lower case (e.g. `2021-busy-year.md`), "
            "directly in memoirs/, no subfolders")


def bad_topic_filename(name: str) -> Rule:
    return ("filename", f"`{name}` is not a topic file name the handbook builds",
            "name topic pages `<key>.md` with lower-case ASCII letters, digits and dashes, "
            "directly in topics/")


def year_differs_from_filename(year, stem_year: str) -> Rule:
    return ("frontmatter", f"`year: {year}` disagrees with the file name's year {stem_year}",
            "make the file name start with the year the memoir reviews")


# -- front matter ----------------------------------------------------------------------------

def unknown_tag(tag: str, vocabulary) -> Rule:
    return ("frontmatter", f"unknown tag `{tag}`",
            "use a key of `handbook_tags` in conf.py (" + ", ".join(vocabulary)
            + ") or add it there")


def duplicate_frontmatter_key(key: str, first: int) -> Rule:
    return ("frontmatter", f"front matter field `{key}` appears twice (first on line {first})",
            "keep one of the two lines")


def title_differs(title: str, heading: str) -> Rule:
    return ("frontmatter", f"front matter title {title!r} differs from the page's heading "
            f"{heading!r}", "write the same title in both places")


def missing_frontmatter() -> Rule:
    return ("frontmatter", "the memoir has no front matter",
            "start the file with a `---` line, the YAML fields, and a closing `---` line")


def frontmatter_outside_memoir() -> Rule:
    return ("frontmatter", "front matter is only for memoirs",
            "delete the `---` block: topic pages and the front page take no settings")


# -- syntax: the allow-list ------------------------------------------------------------------

def disallowed(what: str, fix: str) -> Rule:
    return ("syntax", f"{what} is not allowed in handbook content", fix)


def misplaced(what: str, where: str) -> Rule:
    return ("syntax", f"{what} is not allowed on this page", f"use it only {where}")


def unknown_option(directive: str, option: str, allowed) -> Rule:
    allowed = ", ".join(f"`:{o}:`" for o in allowed) or "none"
    return ("syntax", f"option `:{option}:` is not allowed on `{{{directive}}}`",
            f"remove it (allowed options: {allowed})")


def bibliography_filter(found: str) -> Rule:
    return ("cite", f"a memoir's reference list must list only its own citations, not {found}",
            "use `:filter: docname in docnames` and no other option")


def raw_html(snippet: str, dangerous: bool) -> Rule:
    snippet = " ".join(snippet.split())
    shown = snippet if len(snippet) <= 60 else snippet[:57] + "..."
    if dangerous:
        return ("unsafe-html", f"unsafe HTML: `{shown}`",
                "delete it: scripts, frames, objects, styles and on* handlers never reach "
                "readers")
    return ("raw-html", f"raw HTML: `{shown}`",
            "write it in MyST (a figure, a line break `\\`, a heading, an admonition)")


def bad_url(url: str, why: str) -> Rule:
    shown = url if len(url) <= 80 else url[:77] + "..."
    return ("url", f"URL `{shown}` is not allowed: {why}",
            "link only http(s) and mailto addresses, or a handbook page such as "
            "`../topics/ecg.md`")


def image_without_alt(uri: str) -> Rule:
    return ("image-alt", f"image without alt text: {uri}",
            "add `:alt:` with a Korean description of the image")


def title_count(count: int) -> Rule:
    if count == 0:
        return ("heading", "the page has no `# ` title", "start the text with one `# ` heading")
    return ("heading", f"the page has {count} `# ` titles",
            "keep one `# ` title; make the others `## ` sections")


# -- passages and topics ---------------------------------------------------------------------

def unknown_topic(key: str, known: list[str]) -> Rule:
    return ("topic", f"unknown topic key `{key}` in a passage marker",
            "use the name of a page in topics/ (" + ", ".join(known) + ")")


def passage_without_summary() -> Rule:
    return ("passage", "passage marker without a summary",
            "add `:summary:` with one Korean line saying what the passage says")


def bad_passage_name(name: str) -> Rule:
    return ("passage", f"passage name `{name}` is not a plain ASCII anchor",
            "use lowercase letters, digits and dashes, starting with a letter or digit")


def duplicate_passage_id(anchor: str) -> Rule:
    return ("passage", f"duplicate passage id `{anchor}`", "give each passage its own `:name:`")


def passage_without_text() -> Rule:
    return ("passage", "passage marker with nothing after it",
            "put the marker right before the paragraph, list item or section it marks")


def passage_outside_memoir() -> Rule:
    return ("passage", "passage markers belong in memoirs",
            "move the marker into the memoir whose text it marks")


def topic_without_list(topic: str) -> Rule:
    return ("topic", f"topic page `{topic}` has no `{{topic-passages}}` list",
            "end the page with a ```{topic-passages}``` directive")


def empty_topic(topic: str) -> Rule:
    return ("empty-topic", f"topic `{topic}` gathers no passage",
            f"mark a passage with ```{{passage}} {topic}``` in a memoir")


def memoir_without_topic() -> Rule:
    return ("no-topic", "this memoir feeds no topic",
            "mark at least one passage with ```{passage} <topic>``` and a `:summary:`")


def duplicate_memoir(other: str) -> Rule:
    return ("duplicate-memoir", f"this memoir is already in the handbook as {other}",
            "delete one of the two files")


# -- citations and references.bib ------------------------------------------------------------

def cites_without_reference_list() -> Rule:
    return ("cite", "this memoir cites works but has no reference list",
            "end it with `## 참고문헌` and a `{bibliography}` directive with "
            "`:filter: docname in docnames`")


def unused_bib_entry(key: str) -> Rule:
    return ("bib-unused", f"references.bib entry `{key}` is cited nowhere",
            "cite it where a memoir names the work, or remove the entry")


def bib_entry_without_link(key: str) -> Rule:
    return ("bib-link", f"references.bib entry `{key}` has no doi, eprint or url",
            "add the DOI, the arXiv id (eprint) or the publisher's URL")


def bib_syntax(detail: str) -> Rule:
    return ("bib-syntax", f"references.bib does not parse: {detail}",
            "fix the BibTeX syntax on this line")


def bib_duplicate_key(key: str, first: int) -> Rule:
    return ("bib-syntax", f"references.bib entry `{key}` is defined twice (first on line "
            f"{first})", "keep one of the two entries")


def bib_not_utf8(line: int) -> Rule:
    return ("bib-syntax", f"references.bib is not valid UTF-8 (first bad byte on line {line})",
            "save the file as UTF-8")


def bib_bad_field(key: str, field: str, value: str, fix: str) -> Rule:
    return ("url", f"references.bib entry `{key}`: `{field}` {value!r} is not allowed", fix)


# -- the output backstop ---------------------------------------------------------------------

def unexpected_output(what: str, output: str) -> Rule:
    return ("output", f"the written page {output} contains {what}, which the handbook never "
            "emits", "remove what produces it from this source file")
