"""The corpus of broken, hostile and valid look-alike inputs (``tests/cases/*.toml``).

Each case is a small change to a copy of a test root, and the exact problems it must produce:

```toml
description = "what a contributor or an attacker did"
root = "passages"                 # optional: tests/roots/test-<root>
[[edit]]
file = "memoirs/2020-a.md"
find = "Alpha paragraph."         # optional: without it, `replace` is appended to the file
replace = "Alpha <b>paragraph</b>."
# other edits: rename = "memoirs/x.MD"; delete = true; encoding = "cp949"; append_hex = "fffe"

expected = [                     # [warning type, `make check` line]; [] for a valid input
  ["handbook.raw-html", "memoirs/2020-a.md:14: raw HTML: `<b>` — write it in MyST ..."],
]
```

``make check`` must print exactly the ``expected`` lines; the strict HTML build must report
exactly the same problems as ``path:line: WARNING: message [type]``.
"""

from __future__ import annotations

import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
ROOTS = HERE / "roots"


@dataclass
class Case:
    name: str
    description: str
    root: str
    edits: list[dict]
    expected: list[tuple[str, str]]

    @classmethod
    def load(cls, path: Path) -> "Case":
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return cls(path.stem, data["description"], data.get("root", "passages"),
                   data.get("edit", []), [tuple(item) for item in data["expected"]])

    def apply(self, dest: Path) -> Path:
        """Copy the root to ``dest`` and make the case's edits; return ``dest``."""
        shutil.copytree(ROOTS / f"test-{self.root}", dest)
        for edit in self.edits:
            path = dest / edit["file"]
            if edit.get("delete"):
                path.unlink()
                continue
            if "rename" in edit:
                target = dest / edit["rename"]
                target.parent.mkdir(parents=True, exist_ok=True)
                path.rename(target)
                continue
            if "encoding" in edit:
                path.write_bytes(path.read_text(encoding="utf-8").encode(edit["encoding"]))
                continue
            if "append_hex" in edit:
                path.write_bytes(path.read_bytes() + bytes.fromhex(edit["append_hex"]))
                continue
            text = path.read_text(encoding="utf-8") if path.exists() else ""
            if "find" in edit:
                assert edit["find"] in text, (self.name, edit["file"], edit["find"])
                text = text.replace(edit["find"], edit["replace"], 1)
            else:
                text += edit["replace"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return dest

    def build_lines(self) -> list[str]:
        """The expected problems as the strict build prints them (paths relative)."""
        lines = []
        for wtype, line in self.expected:
            where, rest = _split(line)
            lines.append(f"{where}WARNING: {rest} [{wtype}]")
        return sorted(lines)


def _split(line: str) -> tuple[str, str]:
    """``"path:12: message"`` -> (``"path:12: "``, ``"message"``)."""
    parts = line.split(": ", 1)
    return parts[0] + ": ", parts[1]


def all_cases() -> list[Case]:
    return [Case.load(path) for path in sorted(CASES.glob("*.toml"))]
