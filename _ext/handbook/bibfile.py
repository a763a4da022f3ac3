"""references.bib: read it strictly, with the line of every entry, and check its entries.

The file is decoded as strict UTF-8 (a bad byte is reported at its line), every entry's line is
found, a key defined twice is reported at its second definition (pybtex only says "repeated
entry", without a line), and the fields that become links on the page (``url``, ``doi``,
``eprint``, ``pubmed``) and any ``\\url``/``\\href`` in ``howpublished`` or ``note`` pass the
URL policy (``urls.py``). The result is cached by path, modification time and size, so the
several readers of one build parse the file once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pybtex.database
import pybtex.errors
from pybtex.scanner import PybtexSyntaxError

from . import rules, urls

# Where each entry starts: "@type{key," at the start of a line (BibTeX's own entry syntax).
_ENTRY_START = re.compile(r"^\s*@(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.M)
LINK_FIELDS = ("doi", "eprint", "url")
_DOI = re.compile(r"^10\.[0-9]{4,9}/\S+$")
_EPRINT = re.compile(r"^(?:[0-9]{4}\.[0-9]{4,5}|[a-z-]+(?:\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?$")
_PUBMED = re.compile(r"^[0-9]+$")
_LATEX_LINK = re.compile(r"\\(?:url|href)\s*\{([^}]*)\}")


@dataclass
class BibFile:
    keys: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    # (line, rule) for every problem found while reading
    problems: list[tuple[int, rules.Rule]] = field(default_factory=list)
    parsed: bool = True  # False when the file cannot be read at all


_cache: dict[Path, tuple[tuple[int, int], BibFile]] = {}


def read(path: Path) -> BibFile:
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    result = _read(path)
    _cache[path] = (stamp, result)
    return result


def _read(path: Path) -> BibFile:
    result = BibFile()
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        result.problems.append((line, rules.bib_not_utf8(line)))
        result.parsed = False
        return result
    for match in _ENTRY_START.finditer(text):
        if match.group(1).lower() in ("comment", "preamble", "string"):
            continue
        key, line = match.group(2), text.count("\n", 0, match.start(2)) + 1
        if key.lower() in {k.lower() for k in result.lines}:
            first = next(v for k, v in result.lines.items() if k.lower() == key.lower())
            result.problems.append((line, rules.bib_duplicate_key(key, first)))
            result.parsed = False
        else:
            result.lines[key] = line
    if not result.parsed:
        return result
    previous = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    try:
        data = pybtex.database.parse_string(text, "bibtex")
    except PybtexSyntaxError as exc:
        result.problems.append((exc.lineno or 1, rules.bib_syntax(str(exc))))
        result.parsed = False
        return result
    except pybtex.database.BibliographyDataError as exc:
        result.problems.append((1, rules.bib_syntax(str(exc))))
        result.parsed = False
        return result
    finally:
        pybtex.errors.set_strict_mode(previous)
    result.keys = list(data.entries)
    for key, entry in data.entries.items():
        line = result.lines.get(key, 1)
        fields = {name.lower(): str(value) for name, value in entry.fields.items()}
        if not set(fields) & set(LINK_FIELDS):
            result.problems.append((line, rules.bib_entry_without_link(key)))
        for name, value in sorted(fields.items()):
            why = _field_problem(name, value)
            if why:
                result.problems.append((line, rules.bib_bad_field(key, name, value, why)))
    return result


def _field_problem(name: str, value: str) -> str | None:
    """How to fix a field that would become an unsafe or broken link, or None."""
    if name == "url":
        why = urls.problem(value, schemes=urls.WEB_SCHEMES)
        return f"write an http(s) address ({why})" if why else None
    if name == "doi" and not _DOI.match(value):
        return "write the bare DOI, e.g. `10.1145/3292500.3330701`"
    if name == "eprint" and not _EPRINT.match(value):
        return "write the bare arXiv id, e.g. `1801.04381`"
    if name == "pubmed" and not _PUBMED.match(value):
        return "write the PubMed id (digits only)"
    if name in ("howpublished", "note"):
        for link in _LATEX_LINK.findall(value):
            why = urls.problem(link, schemes=urls.WEB_SCHEMES)
            if why:
                return f"link only http(s) addresses ({why})"
    return None
