"""``make check``: validate memoirs, topic pages and references.bib without building.

Usage: ``python -m handbook.check [SOURCE_DIR]`` (with ``_ext`` on ``PYTHONPATH``). Prints every
problem as ``path:line: what is wrong — how to fix it`` and exits 1 if there is any, 0 (and
prints nothing) otherwise. Nothing is rewritten. The rules and their wording are the ones the
Sphinx build reports (``rules.py``).
"""

from __future__ import annotations

import fnmatch
import re
import sys
from pathlib import Path

from sphinx.config import eval_config_file
from sphinx.util.tags import Tags

from . import bibfile, frontmatter, markdown, rules
from .passages import ANCHOR
from .problems import Problem


class Checker:
    def __init__(self, srcdir: Path):
        self.srcdir = srcdir
        # conf.py's own values, read the way Sphinx reads them (no extension is set up).
        self.config = eval_config_file(srcdir / "conf.py", Tags())
        self.problems: list[Problem] = []
        self.labels: dict[str, str] = {}  # label -> "path:line" of its first definition

    def value(self, name: str, default):
        return self.config.get(name, default)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.srcdir).as_posix()

    def add(self, path: Path, line: int, rule: rules.Rule) -> None:
        subtype, message, fix = rule
        self.problems.append(Problem(self.rel(path), line, subtype, message, fix))

    # -- the rules ---------------------------------------------------------------------------

    def run(self) -> list[Problem]:
        memoir_dir = self.value("handbook_memoir_dir", "memoirs")
        topic_dir = self.value("handbook_topic_dir", "topics")
        memoirs = sorted((self.srcdir / memoir_dir).glob("*.md"))
        topic_pages = sorted((self.srcdir / topic_dir).glob("*.md"))
        self.topics = [p.stem for p in topic_pages]
        bibs = [self.srcdir / name for name in self.value("bibtex_bibfiles", [])]
        self.bib_keys: set[str] = set()
        self.bib_parsed = True  # while references.bib does not parse, its keys are unknown
        read = {path: bibfile.read(path) for path in bibs}
        for path, bib in read.items():
            self.bib_keys.update(bib.keys)
            for line, rule in bib.problems:
                self.add(path, line, rule)
                self.bib_parsed &= rule[0] != "bib-syntax"
        cited: set[str] = set()
        fed: set[str] = set()
        for path in memoirs:
            cited_here, fed_here = self.check_memoir(path)
            cited |= cited_here
            fed |= fed_here
        for path in topic_pages:
            text = path.read_text(encoding="utf-8")
            self.check_labels(path, text)
            if path.stem not in fed:
                places = list(markdown.directives(text, "topic-passages"))
                self.add(path, places[0].line if places else 1, rules.empty_topic(path.stem))
        self.check_index(memoirs, memoir_dir)
        for path, bib in read.items():
            for key in bib.keys:
                if key not in cited:
                    self.add(path, bib.lines.get(key, 1), rules.unused_bib_entry(key))
        return sorted(set(self.problems))

    def check_memoir(self, path: Path) -> tuple[set[str], set[str]]:
        text = path.read_text(encoding="utf-8")
        try:
            fm = frontmatter.parse(text)
        except frontmatter.FrontMatterError as exc:
            self.add(path, exc.line, ("frontmatter", exc.message, exc.fix))
        else:
            self.problems.extend(frontmatter.validate(fm, self.rel(path),
                                                      self.value("handbook_tags", {})))
            author = fm.values.get("author")
            if isinstance(author, str) and author != frontmatter.UNKNOWN_AUTHOR and \
                    author not in self.value("author", ""):
                self.add(path, 1, rules.author_not_credited(author))
        fed = self.check_passages(path, text)
        if not fed:
            self.add(path, 1, rules.memoir_without_topic())
        cited: set[str] = set()
        for role in markdown.roles(text, "cite"):
            for key in (k.strip() for k in role.token.content.split(",")):
                cited.add(key)
                if self.bib_parsed and key not in self.bib_keys:
                    self.add(path, role.line, rules.unknown_cite_key(key))
        cite_roles = list(markdown.roles(text, "cite"))
        if cite_roles and not list(markdown.directives(text, "bibliography")):
            self.add(path, cite_roles[0].line, rules.cites_without_reference_list())
        for found in markdown.raw_html(text):
            self.add(path, found.line, rules.raw_html(found.token.content))
        for found in markdown.walk(text):
            token = found.token
            href = token.attrGet("href") if token.type == "link_open" else None
            if href and rules.JAVASCRIPT_URL.match(str(href).strip()):
                self.add(path, found.line, rules.javascript_link(str(href)))
            elif token.type == "text":
                for url in rules.javascript_urls(token.content):
                    self.add(path, found.line, rules.javascript_link(url))
            if token.type == "image" and not token.content.strip():
                self.add(path, found.line, rules.image_without_alt(str(token.attrGet("src"))))
        for name in ("figure", "image"):
            for found in markdown.directives(text, name):
                options = _options(found.token.content)
                if not options.get("alt", "").strip():
                    uri = found.token.info.strip()[len(name) + 2:].strip()
                    self.add(path, found.line, rules.image_without_alt(uri))
        self.check_labels(path, text)
        return cited, fed

    def check_passages(self, path: Path, text: str) -> set[str]:
        fed: set[str] = set()
        anchors: set[str] = set()
        automatic = 0  # the build numbers only the markers without a `:name:`
        for found in markdown.directives(text, "passage"):
            keys = [k for k in re.split(r"[\s,]+", found.token.info.strip()[len("{passage}"):])
                    if k]
            options = _options(found.token.content)
            good = [k for k in keys if k in self.topics]
            for key in keys:
                if key not in self.topics:
                    self.add(path, found.line, rules.unknown_topic(key, self.topics))
            summary = options.get("summary", "").strip()
            if not summary:
                self.add(path, found.line, rules.passage_without_summary())
            anchor = options.get("name", "").strip()
            if anchor and not ANCHOR.match(anchor):
                self.add(path, found.line, rules.bad_passage_name(anchor))
                anchor = ""
            if not anchor:
                automatic += 1
                anchor = f"passage-{automatic}"
            if anchor in anchors:
                self.add(path, found.line, rules.duplicate_passage_id(anchor))
                continue
            anchors.add(anchor)
            if good and summary:
                fed.update(good)
        return fed

    def check_labels(self, path: Path, text: str) -> None:
        for found in markdown.walk(text):
            if found.token.type == "myst_target":
                label = found.token.content.strip().lower()
                where = f"{self.rel(path)}:{found.line}"
                if label in self.labels:
                    self.add(path, found.line, rules.duplicate_label(label, self.labels[label]))
                else:
                    self.labels[label] = where

    def check_index(self, memoirs: list[Path], memoir_dir: str) -> None:
        root = self.srcdir / f"{self.value('root_doc', 'index')}.md"
        patterns: list[str] = []
        if root.exists():
            for found in markdown.directives(root.read_text(encoding="utf-8"), "toctree"):
                patterns += [line.strip() for line in found.token.content.splitlines()
                             if line.strip() and not line.strip().startswith(":")]
        for path in memoirs:
            docname = f"{memoir_dir}/{path.stem}"
            if not any(fnmatch.fnmatchcase(docname, p) or docname == p for p in patterns):
                self.add(path, 1, rules.memoir_not_in_index(docname))


def _options(content: str) -> dict[str, str]:
    """The ``:key: value`` option lines at the top of a directive's content."""
    options: dict[str, str] = {}
    for line in content.splitlines():
        match = re.match(r"^:([\w-]+):\s*(.*)$", line.strip())
        if not match:
            break
        options[match.group(1)] = match.group(2)
    return options


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    srcdir = Path(args[0] if args else ".").resolve()
    problems = Checker(srcdir).run()
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
