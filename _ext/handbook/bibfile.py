"""references.bib: parse it strictly, with the line of every entry, and check its entries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pybtex.database
import pybtex.errors
from pybtex.scanner import PybtexSyntaxError

from . import rules

# Where each entry starts: "@type{key," at the start of a line (BibTeX's own entry syntax).
_ENTRY_START = re.compile(r"^\s*@(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.M)
LINK_FIELDS = ("doi", "eprint", "url")


@dataclass
class BibFile:
    keys: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    # (line, rule) for every problem found while reading
    problems: list[tuple[int, rules.Rule]] = field(default_factory=list)


def read(path: Path) -> BibFile:
    text = path.read_text(encoding="utf-8")
    result = BibFile()
    for match in _ENTRY_START.finditer(text):
        if match.group(1).lower() not in ("comment", "preamble", "string"):
            result.lines[match.group(2)] = text.count("\n", 0, match.start(2)) + 1
    previous = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    try:
        data = pybtex.database.parse_string(text, "bibtex")
    except PybtexSyntaxError as exc:
        result.problems.append((exc.lineno or 1, rules.bib_syntax(str(exc))))
        return result
    except pybtex.database.BibliographyDataError as exc:
        result.problems.append((1, rules.bib_syntax(str(exc))))
        return result
    finally:
        pybtex.errors.set_strict_mode(previous)
    result.keys = list(data.entries)
    for key, entry in data.entries.items():
        fields = {name.lower() for name in entry.fields}
        if not fields & set(LINK_FIELDS):
            result.problems.append((result.lines.get(key, 1), rules.bib_entry_without_link(key)))
    return result
