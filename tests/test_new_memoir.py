"""A memoir added by following the README shows up everywhere, with no code change."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.cmd.build import build_main

from handbook.passages import passage_id

ROOT = Path(__file__).resolve().parent.parent

NEW_MEMOIR = """\
---
title: "2024년 회고"
author: "newcomer"
year: 2024
date: 2024-12-30
platform: jekyll
blog: "https://newcomer.github.io/"
tags: [first-job, wellbeing]
summary: "첫 직장에서 심전도 모델을 만들며 보낸 한 해를 돌아본 회고"
---

# 2024년 회고

## 상반기

```{passage} ecg
:summary: 첫 직장에서 심전도 리듬 분류 모델을 만들다
```
회사에서 심전도 리듬 분류 모델을 처음으로 만들었다. {cite:p}`lin2017focal,newcomer2024note`

```{passage} health career
:summary: 번아웃을 피하려고 운동을 시작하다
```
- 매일 30분씩 걸었다.

## 참고문헌

```{bibliography}
:filter: docname in docnames
```
"""

NEW_ENTRY = """
@misc{newcomer2024note,
  author = {New Comer},
  title = {A Note on Rhythm Classification},
  year = {2024},
  url = {https://newcomer.github.io/note},
}
"""


def test_a_memoir_added_per_the_readme_appears_everywhere(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        "_build", ".venv", ".git", "_tags", "__pycache__", ".pytest_cache"))
    (src / "memoirs" / "2024-first-year.md").write_text(NEW_MEMOIR, encoding="utf-8")
    with open(src / "references.bib", "a", encoding="utf-8") as bib:
        bib.write(NEW_ENTRY)
    # No change to conf.py: the book's credit comes from the memoirs (credits.py).
    out = tmp_path / "html"
    warnings = tmp_path / "warnings.txt"
    status = build_main(["-W", "--keep-going", "-n", "-q", "-b", "html", "-w", str(warnings),
                         str(src), str(out)])
    assert status == 0, warnings.read_text(encoding="utf-8")

    def page(name: str) -> str:
        return (out / f"{name}.html").read_text(encoding="utf-8")

    index = page("index")
    # the new author is credited with the others, in memoir order, on every page's footer
    assert "parksunwoo, jerife, 계토, newcomer 외 회고 작성자들" in index
    assert 'href="memoirs/2024-first-year.html"' in index
    # ... as the last (newest) memoir in the list
    memoir_list = index[index.index("handbook-memoir-list"):]
    assert memoir_list.index("2023-data-whatever") < memoir_list.index("2024-first-year")
    # its topics gather its passages; the memoir links back to them
    first = passage_id("첫 직장에서 심전도 리듬 분류 모델을 만들다")
    second = passage_id("번아웃을 피하려고 운동을 시작하다")
    assert f'href="../memoirs/2024-first-year.html#{first}"' in page("topics/ecg")
    assert f'href="../memoirs/2024-first-year.html#{second}"' in page("topics/health")
    assert f'href="../memoirs/2024-first-year.html#{second}"' in page("topics/career")
    memoir = page("memoirs/2024-first-year")
    assert 'href="../topics/ecg.html"' in memoir and "newcomer" in memoir
    # its tags list it
    assert 'href="../memoirs/2024-first-year.html"' in page("_tags/first-job")
    assert 'href="../memoirs/2024-first-year.html"' in page("_tags/wellbeing")
    # its citations reach its own reference list and the site-wide bibliography
    assert "A note on rhythm classification" in memoir
    assert "A note on rhythm classification" in page("bibliography")
