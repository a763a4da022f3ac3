"""The URL policy: the one judgement of every URL that content can carry.

Links, autolinks, figure sources and targets, front matter URL fields and the URL-bearing fields
of references.bib all pass through :func:`problem`. Allowed: ``http(s)://`` with a host,
``mailto:``, and links to handbook pages and their anchors. Control characters, white space and
HTML entities are removed or decoded before the scheme is read, the way a browser reads it, so
``java\\x01script:`` or ``&#106;avascript:`` are judged as what they are. Text that is not a link
never comes here.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import unquote, urlsplit

WEB_SCHEMES = ("http", "https")
LINK_SCHEMES = WEB_SCHEMES + ("mailto",)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)


def normalize(url: str) -> str:
    """The URL as a browser resolves its scheme: entities decoded, controls and spaces gone."""
    text = html.unescape(url)
    return "".join(ch for ch in text
                   if not (unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")
                           or ch.isspace()))


def scheme(url: str) -> str | None:
    match = _SCHEME.match(normalize(url))
    return match.group(1).lower() if match else None


def problem(url: str, *, schemes=LINK_SCHEMES, local_ok=None) -> str | None:
    """Why ``url`` is not allowed, or None when it is.

    ``local_ok(path)`` says whether a scheme-less path names a handbook page; without it, local
    paths are refused.
    """
    clean = normalize(url)
    if clean != url.strip():
        return "it holds control characters, white space or HTML entities"
    if not clean:
        return "it is empty"
    found = scheme(clean)
    if found is not None:
        if found not in schemes:
            return f"the `{found}:` scheme is not allowed here"
        if found in WEB_SCHEMES and not urlsplit(clean).netloc:
            return "it names no host"
        return None
    if clean.startswith("//") or clean.startswith("\\"):
        return "a protocol-relative address leaves the handbook"
    if clean.startswith("#"):
        return None
    path = unquote(clean.split("#", 1)[0].split("?", 1)[0])
    if local_ok is not None and local_ok(path):
        return None
    return "it points at a local file that is not a handbook page"
