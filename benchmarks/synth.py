"""Synthetic handbooks of N memoirs, made from the real ones, for the benchmarks.

``make_handbook(n, dest)`` copies the handbook's configuration, extension, front page, topic
pages, bibliography and references.bib to ``dest`` and writes ``n`` memoirs by cycling through
the five real memoirs: copy ``k`` of ``memoirs/2021-busy-year.md`` becomes
``memoirs/2021-busy-year-k.md`` with the title "2021년 회고 (k)" in its front matter and its
heading, so every memoir is distinct (the handbook refuses the same memoir twice) and
``make check`` is clean at every size. Everything else (text, passages, citations, tags) is
the real memoir's.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPIED = ("conf.py", "index.md", "bibliography.md", "timeline.md", "references.bib", "topics", "_ext")


def make_handbook(n: int, dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    (dest / "memoirs").mkdir()
    originals = sorted((REPO / "memoirs").glob("*.md"))
    for i in range(n):
        source = originals[i % len(originals)]
        copy = i // len(originals)
        text = source.read_text(encoding="utf-8")
        if copy == 0:
            (dest / "memoirs" / source.name).write_text(text, encoding="utf-8")
            continue
        title = re.search(r'^title: "?(.*?)"?$', text, re.M).group(1)
        new_title = f"{title} ({copy})"
        text = text.replace(f"title: \"{title}\"", f"title: \"{new_title}\"", 1)
        text = re.sub(rf"^title: {re.escape(title)}$", f"title: \"{new_title}\"", text,
                      count=1, flags=re.M)
        text = re.sub(rf"^# {re.escape(title)}$", f"# {new_title}", text, count=1, flags=re.M)
        (dest / "memoirs" / f"{source.stem}-{copy}.md").write_text(text, encoding="utf-8")
    return dest
