"""Fidelity: every sentence and every link of a memoir's source reaches the reader.

The sources are the original blog exports in ``sources/`` (one per memoir, named after it).
Each sentence-sized segment of a source (markup, front matter and blog chrome removed) must
appear in the text of its memoir page, compared with all white space removed and quotes, dashes
and ellipses folded; each http(s) URL must be a link target or an image source of that page.
The same segments must appear in the PDF's text and in the memoir's EPUB document. This is the
handbook's acceptance criterion for fidelity, applied to the repository alone.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"

# Lines that belong to the blog a memoir was copied from, not to the memoir: navigation, the
# blog's name, category crumbs and "other posts" lists. They became front matter.
CHROME = {
    "2021-busy-year": {"from": "'About Me > 일상' 카테고리의 다른 글"},
    "2023-data-whatever": {
        "lines": ["아는 만큼 보인다", "본문", "기록/회고 혹은 일기", "계토 2023. 12. 12. 21:46"],
        "strip_suffix": " 본문",
    },
}

FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...",
                      "\u00a0": " ", "＂": '"'})


def norm(text: str) -> str:
    text = html.unescape(text).translate(FOLD)
    text = re.sub(r"-{2,}", "-", text)
    text = re.sub(r"[*_`\\]", "", text)
    return re.sub(r"\s+", "", text)


def _strip_front_matter(text: str) -> str:
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text[end + 4:]
    return text


def segments_and_urls(path: Path) -> tuple[list[str], list[str]]:
    """The sentence-sized segments and the http(s) URLs of one source."""
    raw = path.read_text(encoding="utf-8")
    chrome = CHROME.get(path.stem, {})
    if "from" in chrome:
        raw = raw[: raw.index(chrome["from"])]
    body = _strip_front_matter(raw)
    urls = re.findall(r"https?://[^\s)\"'<>\]]+", body)
    body = re.sub(r"<!--.*?-->", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", "\n", body)
    body = re.sub(r"\{:[^}]*\}", " ", body)
    body = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", body)
    body = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body)
    segments = []
    for line in body.splitlines():
        line = line.strip()
        if line in chrome.get("lines", []):
            continue
        if chrome.get("strip_suffix") and line.endswith(chrome["strip_suffix"]):
            line = line[: -len(chrome["strip_suffix"])]
        line = re.sub(r"^(#+|>+|[-*•]|\d+\.)\s+", "", line)
        if re.fullmatch(r"-{3,}|\*{3,}", line):
            continue
        for part in re.split(r"\s+-\s+|(?<=[.!?])\s+", line):
            part = part.strip(" -")
            if len(norm(part)) >= 6:
                segments.append(part)
    return segments, urls


def page_text(markup: str, whole: bool = False) -> tuple[str, set[str]]:
    """Normalized main text and link targets of an HTML page (``whole``: all of the body)."""
    from html_page import HtmlPage

    page = HtmlPage(markup, whole)
    return norm(page.text), set(page.links)


def missing(source: Path, text: str, targets: set[str] | None = None) -> list[str]:
    """Segments (and, with ``targets``, URLs) of ``source`` not found in ``text``."""
    segments, urls = segments_and_urls(source)
    lost = [s for s in segments if norm(s) not in text]
    if targets is not None:
        lost += sorted({u for u in urls if u not in targets and u.rstrip("/") not in targets})
    return lost
