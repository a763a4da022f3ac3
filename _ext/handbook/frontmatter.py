"""Memoir front matter: parsing with line numbers, and the schema every memoir follows.

MyST's parser finds the YAML block at the top of a memoir; ``parse`` reads it with the line of
every key, and ``validate`` checks it against the schema. ``make check`` is the same build, so a
contributor sees the same message, with the same ``path:line``, from both.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import rules, urls
from .problems import Problem

#: Field name -> (required, description used in error messages and the README).
SCHEMA: dict[str, tuple[bool, str]] = {
    "title": (True, "the memoir's title, as the source gives it"),
    "author": (True, "the author's handle as the source names it, or `unknown`"),
    "year": (True, "the main year the memoir reviews, e.g. 2021"),
    "platform": (True, "where the memoir was published: fuwari, jekyll or tistory"),
    "tags": (True, "a list of tag keys from `handbook_tags` in conf.py"),
    "summary": (True, "one Korean sentence saying what the memoir is about"),
    "covers": (False, "every year the memoir looks back on, e.g. [2019, 2020]"),
    "date": (False, "when it was written: YYYY-MM-DD, or YYYY-MM"),
    "date_note": (False, "how the date was inferred, in Korean"),
    "source_url": (False, "the post's own URL"),
    "blog": (False, "the author's blog home page URL"),
    "blog_name": (False, "the blog's name"),
    "category": (False, "the blog's category of the post"),
    "subtitle": (False, "the post's subtitle"),
    "description": (False, "the post's own one-line description"),
    "title_note": (False, "a note when the title was supplied by the editors"),
}
PLATFORMS = ("fuwari", "jekyll", "tistory")
UNKNOWN_AUTHOR = "unknown"
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


class _Loader(yaml.SafeLoader):
    """A safe loader that keeps dates as strings, so an impossible date is reported, not raised."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FrontMatterError(ValueError):
    """The YAML block is missing or cannot be parsed."""

    def __init__(self, line: int, message: str, fix: str):
        super().__init__(message)
        self.line, self.message, self.fix = line, message, fix


@dataclass
class FrontMatter:
    """The parsed front matter: values plus the source line of every key."""

    values: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    first_line: int = 1  # the line of the opening ``---``
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)  # key, line, first

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.first_line)


def parse(block: str, first_line: int = 1) -> FrontMatter:
    """Parse the YAML of a front matter block whose opening ``---`` is on ``first_line``.

    The build hands over the block MyST's parser found (``content.py``); nothing reads the
    file a second time. Raise FrontMatterError for YAML that does not parse or is no mapping.
    """
    offset = first_line + 1  # the file line of the block's first YAML line
    try:
        node = yaml.compose(block, Loader=_Loader)
        values = yaml.load(block, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + offset if mark else first_line
        raise FrontMatterError(line, f"the front matter is not valid YAML ({exc.problem})",
                               "fix the YAML syntax on this line") from None
    if values is None:
        values, node = {}, None
    if not isinstance(values, dict):
        raise FrontMatterError(offset, "the front matter is not a mapping of fields",
                               "write one `field: value` per line")
    key_lines: dict[str, int] = {}
    duplicates: list[tuple[str, int, int]] = []
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key, line = str(key_node.value), key_node.start_mark.line + offset
            if key in key_lines:
                duplicates.append((key, line, key_lines[key]))
            else:
                key_lines[key] = line
    return FrontMatter(values=values, lines=key_lines, first_line=first_line,
                       duplicates=duplicates)


def is_year(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100


def parse_date(value: Any) -> tuple[int, int, int | None] | None:
    """Return (year, month, day or None) for a valid date value, else None."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.year, value.month, value.day
    if not isinstance(value, str):
        return None
    match = _DATE.match(value)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    day = int(match.group(3)) if match.group(3) else None
    try:
        _dt.date(year, month, day or 1)
    except ValueError:
        return None
    return year, month, day


def validate(fm: FrontMatter, path: str, tag_vocabulary: dict[str, str]) -> list[Problem]:
    """Check ``fm`` against the memoir schema; return every problem found."""
    problems: list[Problem] = []
    values = fm.values

    def add(key: str, message: str, fix: str) -> None:
        problems.append(Problem(path, fm.line_of(key), "frontmatter", message, fix))

    for key, line, first in fm.duplicates:
        problems.append(Problem(path, line, *rules.duplicate_frontmatter_key(key, first)))
    for key, (required, what) in SCHEMA.items():
        if required and key not in values:
            problems.append(Problem(path, fm.first_line, "frontmatter",
                                    f"front matter lacks the required field `{key}`",
                                    f"add `{key}:` ({what})"))
    for key in values:
        if key not in SCHEMA:
            add(key, f"unknown front matter field `{key}`",
                "remove it or use one of: " + ", ".join(SCHEMA))
    for key in ("title", "author", "summary", "date_note", "blog_name", "category",
                "subtitle", "description", "title_note"):
        if key in values and not (isinstance(values[key], str) and values[key].strip()):
            add(key, f"`{key}` must be a non-empty string", f"write {SCHEMA[key][1]}")
    if "year" in values and not is_year(values["year"]):
        add("year", f"`year` must be a four-digit year, not {values['year']!r}",
            "write e.g. `year: 2021`")
    if "covers" in values:
        covers = values["covers"]
        if not (isinstance(covers, list) and covers and all(is_year(y) for y in covers)):
            add("covers", "`covers` must be a list of years", "write e.g. `covers: [2022, 2023]`")
        elif is_year(values.get("year")) and values["year"] not in covers:
            add("covers", "`covers` does not include `year`", "add the main year to `covers`")
    if "date" in values:
        parsed = parse_date(values["date"])
        if parsed is None:
            add("date", f"`date` is not a possible date: {values['date']!r}",
                "write YYYY-MM-DD (or YYYY-MM when only the month is known)")
        elif is_year(values.get("year")) and not (
                values["year"] <= parsed[0] <= values["year"] + 1):
            add("date", f"`date` {values['date']} cannot be when a {values['year']} memoir "
                        "was written", "a memoir is written in its year or early the next")
    if "platform" in values and values["platform"] not in PLATFORMS:
        add("platform", f"unknown platform {values['platform']!r}",
            "use one of: " + ", ".join(PLATFORMS))
    for key in ("source_url", "blog"):
        if key not in values:
            continue
        if not isinstance(values[key], str):
            add(key, f"`{key}` must be an http(s) URL", "write the full URL, e.g. https://...")
            continue
        why = urls.problem(values[key], schemes=urls.WEB_SCHEMES)
        if why:
            problems.append(Problem(path, fm.line_of(key), *rules.bad_url(values[key], why)))
    if "tags" in values:
        tags = values["tags"]
        if not (isinstance(tags, list) and tags and all(isinstance(t, str) for t in tags)):
            add("tags", "`tags` must be a non-empty list of tag keys",
                "write e.g. `tags: [graduate-school, job-hunting]`")
        else:
            for tag in tags:
                if tag not in tag_vocabulary:
                    add("tags", *rules.unknown_tag(tag, tag_vocabulary)[1:])
    return problems


def sort_key(values: dict[str, Any]) -> tuple:
    """Chronological order of memoirs: year reviewed, then date written, then title."""
    parsed = parse_date(values.get("date")) or (9999, 99, 99)
    year = values.get("year") if is_year(values.get("year")) else 9999
    return (year, parsed[0], parsed[1], parsed[2] or 0, str(values.get("title", "")))
