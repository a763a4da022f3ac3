"""``make check``: every problem of the sources at once, without building the site.

Usage: ``python -m handbook.check [SOURCE_DIR]`` (with ``_ext`` on ``PYTHONPATH``). It is the
handbook's Sphinx build itself, with Sphinx's ``dummy`` builder (it reads, checks and resolves
every page, and writes nothing) and the same strict options as ``make html`` (``-n
--keep-going``): there is no second implementation of any rule. Each warning is printed as
``path:line: what is wrong — how to fix it``, with the path relative to the source folder,
sorted by file and line; the exit status is 1 if there is any, 0 (and nothing printed)
otherwise. Its environment lives in ``_build/check`` and is reused, as an incremental build is:
the gate (``gate.py``) makes an incremental build report what a clean one would.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util.docutils import docutils_namespace, patch_docutils

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WARNING = re.compile(r"^(?:(?P<location>.*?): )?(?:WARNING|ERROR|CRITICAL): (?P<message>.*?)"
                      r"(?: \[(?P<type>[\w.-]+)\])?$")


def build(srcdir: Path, builder: str = "dummy", builddir: Path | None = None,
          parallel: int = 0) -> tuple[str, str | None]:
    """Build ``srcdir`` as ``make html`` does (``-n --keep-going``), with ``builder``; return
    the warning stream and the fatal error that stopped the build, if any."""
    builddir = builddir or srcdir / "_build" / "check"
    warning = io.StringIO()
    fatal = None
    with patch_docutils(srcdir), docutils_namespace():
        try:
            app = Sphinx(srcdir, srcdir, builddir / builder, builddir / "doctrees", builder,
                         status=None, warning=warning, keep_going=True, parallel=parallel,
                         confoverrides={"nitpicky": True})
            app.build()
        except SphinxError as exc:
            fatal = str(exc)
    return _ANSI.sub("", warning.getvalue()), fatal


def run(srcdir: Path, builddir: Path | None = None) -> tuple[list[str], str | None]:
    """``make check``: the problems of ``srcdir`` and the fatal error, if any."""
    text, fatal = build(srcdir, "dummy", builddir)
    return problems(text, srcdir), fatal


def problems(text: str, srcdir: Path) -> list[str]:
    """The build's warning lines as ``path:line: message``, sorted, each once."""
    found: list[tuple[str, int, str]] = []
    prefix = f"{srcdir}/"
    for raw in text.splitlines():
        match = _WARNING.match(raw)
        if not match:
            if found and raw.strip():  # a message that continues on the next line
                path, line, message = found[-1]
                found[-1] = (path, line, f"{message} {raw.strip()}")
            continue
        location = (match.group("location") or "").replace(prefix, "")
        path, _, line = location.rpartition(":")
        if not (path and line.isdigit()):
            path, line = location, "0"
        found.append((path, int(line), match.group("message")))
    lines = []
    for path, line, message in sorted(set(found)):
        where = f"{path}:{line}: " if line else (f"{path}: " if path else "")
        lines.append(f"{where}{message}")
    return lines


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    srcdir = Path(args[0] if args else ".").resolve()
    found, fatal = run(srcdir)
    for line in found:
        print(line)
    if fatal and not found:
        print(fatal)
    return 1 if found or fatal else 0


if __name__ == "__main__":
    sys.exit(main())
