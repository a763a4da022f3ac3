"""Helpers for the tests of the printed book (PDF) and the e-book (EPUB).

Builds run as separate processes, with the same commands as the Makefile (``make pdf``,
``make epub``) or Read the Docs, so what is tested is what a reader gets.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALL_HINT = "sudo scripts/install-system-deps.sh"
#: The Makefile's SPHINXOPTS: every build the tests compare is as strict as `make`.
SPHINXOPTS = ["-W", "--keep-going", "-n"]
#: Tools the PDF tests need, all from scripts/install-system-deps.sh.
PDF_TOOLS = ("make", "xelatex", "latexmk", "pdftotext", "pdffonts", "pdfinfo")
#: The book's credit, made from the memoirs' authors (three named, and the 2021 memoir's
#: unknown author): title page, PDF and EPUB metadata, site footer.
CREDIT = "parksunwoo, jerife, 계토 외 회고 작성자들"


@dataclass
class Run:
    args: list[str]
    returncode: int
    output: str
    seconds: float

    def check(self) -> "Run":
        assert self.returncode == 0, (
            f"`{' '.join(self.args)}` failed ({self.returncode}):\n{self.output[-4000:]}")
        return self


def run(args: list[str], cwd: Path) -> Run:
    start = time.monotonic()
    proc = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, stdin=subprocess.DEVNULL)
    return Run([str(a) for a in args], proc.returncode, proc.stdout,
               time.monotonic() - start)


def sphinx(*args: str | Path, cwd: Path = ROOT) -> Run:
    return run([sys.executable, "-m", "sphinx", *map(str, args)], cwd)


@dataclass
class Book:
    """A built PDF or EPUB, the folder it was built in, and the build's warnings."""

    path: Path
    folder: Path
    warnings: str
    seconds: float

    @property
    def log(self) -> str:
        """The xelatex log of a PDF build."""
        return self.path.with_suffix(".log").read_text(encoding="utf-8", errors="replace")


def build_with_make_mode(builder: str, out: Path) -> tuple[Run, str]:
    """``sphinx-build -M <builder>`` with the Makefile's options, as `make pdf`/`make epub`."""
    warnings = out / "warnings.txt"
    result = sphinx("-M", builder, ROOT, out, *SPHINXOPTS, "-q", "-w", warnings)
    return result, warnings.read_text(encoding="utf-8") if warnings.exists() else ""


def copy_source_tree(dest: Path) -> Path:
    """A checkout-like copy of the repository: no build output, local environments or
    generated tag pages (all git-ignored)."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(
        ".git", "_build", ".venv", "__pycache__", ".pytest_cache", "_readthedocs", "_tags"))
    return dest


# -- Text --------------------------------------------------------------------------------------

_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u2011": "-", "\u00a0": " "})


def squash(text: str) -> str:
    """Text for comparison: NFC, typographic quotes folded, no white space at all."""
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    return re.sub(r"\s+", "", text)


def pdftotext(pdf: Path, *options: str) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    # Latin words hyphenated at the end of a line.
    return re.sub(r"(?<=[A-Za-z])-\n(?=[a-z])", "", out)


def pdf_pages(pdf: Path) -> list[str]:
    return pdftotext(pdf).split("\f")


# -- PDF structure -----------------------------------------------------------------------------

def pdf_objects(pdf: Path) -> dict[int, bytes]:
    """Every object of the PDF by number, including those packed in object streams."""
    data = pdf.read_bytes()
    objects: dict[int, bytes] = {}
    for match in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S):
        objects[int(match.group(1))] = match.group(2)
    for body in list(objects.values()):
        if b"/ObjStm" not in body:
            continue
        raw = zlib.decompress(re.search(rb"stream\r?\n(.*)endstream", body, re.S).group(1))
        count = int(re.search(rb"/N (\d+)", body).group(1))
        first = int(re.search(rb"/First (\d+)", body).group(1))
        head = raw[:first].split()
        pairs = [(int(head[i]), int(head[i + 1])) for i in range(0, 2 * count, 2)]
        for i, (number, offset) in enumerate(pairs):
            end = pairs[i + 1][1] if i + 1 < len(pairs) else len(raw) - first
            objects[number] = raw[first + offset:first + end]
    return objects


def _pdf_string(raw: bytes) -> str:
    """Decode a PDF string: ``(literal)`` or ``<hex>``, PDFDocEncoding or UTF-16BE."""
    if raw.startswith(b"<"):
        data = bytes.fromhex(raw[1:-1].decode())
    else:
        data, body, i = bytearray(), raw[1:-1], 0
        escapes = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
        while i < len(body):
            c = body[i]
            if c == 0x5C:  # backslash
                i += 1
                if body[i:i + 1].isdigit():
                    octal = re.match(rb"[0-7]{1,3}", body[i:]).group()
                    data.append(int(octal, 8))
                    i += len(octal)
                    continue
                data.append(escapes.get(body[i], body[i]))
            else:
                data.append(c)
            i += 1
        data = bytes(data)
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be")
    return data.decode("latin-1")


def _ref(body: bytes, key: bytes) -> int | None:
    match = re.search(rb"/" + key + rb"\s*(\d+) 0 R", body)
    return int(match.group(1)) if match else None


def _title(body: bytes) -> str:
    match = re.search(rb"/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)", body, re.S)
    return _pdf_string(match.group(1)) if match else ""


def pdf_catalog(pdf: Path) -> tuple[bytes, dict[int, bytes]]:
    objects = pdf_objects(pdf)
    catalog = next(body for body in objects.values()
                   if re.search(rb"/Type\s*/Catalog", body))
    return catalog, objects


def pdf_outline(pdf: Path) -> list[tuple[int, str]]:
    """The bookmarks as (depth, title), depth 0 at the root, in reading order."""
    catalog, objects = pdf_catalog(pdf)
    result: list[tuple[int, str]] = []

    def walk(number: int | None, depth: int) -> None:
        while number is not None:
            item = objects[number]
            result.append((depth, _title(item)))
            walk(_ref(item, b"First"), depth + 1)
            number = _ref(item, b"Next")

    root = _ref(catalog, b"Outlines")
    if root is not None:
        walk(_ref(objects[root], b"First"), 0)
    return result


def pdf_pages_in_order(catalog: bytes, objects: dict[int, bytes]) -> list[int]:
    """The object numbers of the pages, in reading order (the /Pages tree)."""
    pages: list[int] = []

    def walk(number: int) -> None:
        body = objects[number]
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
        if re.search(rb"/Type\s*/Pages", body) and kids:
            for kid in re.findall(rb"(\d+) 0 R", kids.group(1)):
                walk(int(kid))
        else:
            pages.append(number)

    walk(_ref(catalog, b"Pages"))
    return pages


def _roman(number: int) -> str:
    numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    result = ""
    for value, letters in numerals:
        while number >= value:
            result, number = result + letters, number - value
    return result


def pdf_page_labels(pdf: Path) -> list[str]:
    """The label of every page (what a viewer shows as its number), from /PageLabels."""
    catalog, objects = pdf_catalog(pdf)
    count = len(pdf_pages_in_order(catalog, objects))
    match = re.search(rb"/PageLabels\s*<<\s*/Nums\s*\[(.*?)\]\s*>>", catalog, re.S)
    if match is None:
        return [str(i + 1) for i in range(count)]
    ranges = [(int(start), body) for start, body in
              re.findall(rb"(\d+)\s*<<(.*?)>>", match.group(1), re.S)]
    labels = []
    for i, (start, body) in enumerate(ranges):
        end = ranges[i + 1][0] if i + 1 < len(ranges) else count
        style = re.search(rb"/S\s*/(\w)", body)
        first = re.search(rb"/St\s+(\d+)", body)
        prefix = re.search(rb"/P\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)", body)
        for n in range(int(first.group(1)) if first else 1,
                       (int(first.group(1)) if first else 1) + end - start):
            number = {b"D": str(n), b"r": _roman(n), b"R": _roman(n).upper()}.get(
                style.group(1) if style else b"", "")
            labels.append((_pdf_string(prefix.group(1)) if prefix else "") + number)
    return labels


def pdf_destinations(pdf: Path) -> dict[str, int]:
    """Named destination (hyperref's anchor) -> index of its page (0-based)."""
    catalog, objects = pdf_catalog(pdf)
    index = {number: i for i, number in enumerate(pdf_pages_in_order(catalog, objects))}
    found: dict[str, int] = {}

    def walk(number: int) -> None:
        body = objects[number]
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
        if kids:
            for kid in re.findall(rb"(\d+) 0 R", kids.group(1)):
                walk(int(kid))
        names = re.search(rb"/Names\s*\[(.*)\]", body, re.S)
        if names:
            for name, ref in re.findall(rb"(\((?:\\.|[^\\)])*\))\s*(\d+) 0 R", names.group(1)):
                page = re.match(rb"\s*\[\s*(\d+) 0 R", objects[int(ref)])
                if page:
                    found[_pdf_string(name)] = index[int(page.group(1))]

    names = _ref(catalog, b"Names")
    if names is not None and _ref(objects[names], b"Dests") is not None:
        walk(_ref(objects[names], b"Dests"))
    return found


def aux_labels(aux: Path) -> dict[str, tuple[str, str]]:
    """LaTeX's labels from the .aux file: label -> (page label, hyperref anchor)."""
    labels = {}
    for line in aux.read_text(encoding="utf-8", errors="replace").splitlines():
        match = re.match(r"\\newlabel\{(.+?)\}\{\{.*?\}\{(.*?)\}\{.*\}\{(.*?)\}\{.*?\}\}$", line)
        if match:
            labels[match.group(1)] = (match.group(2), match.group(3))
    return labels


def pdf_language(pdf: Path) -> str:
    catalog, _ = pdf_catalog(pdf)
    match = re.search(rb"/Lang\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)", catalog)
    return _pdf_string(match.group(1)) if match else ""


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-enc", "UTF-8", str(pdf)], check=True,
                         capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in
            (line.partition(":") for line in out.splitlines()) if v}


def pdffonts(pdf: Path, first: int | None = None, last: int | None = None
             ) -> list[dict[str, str]]:
    """pdffonts' table (of pages ``first`` to ``last``, 1-based): name, emb, sub, uni."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    lines = subprocess.run(["pdffonts", *pages, str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()
    fonts = []
    for line in lines[2:]:
        fields = line.split()
        # name type... encoding emb sub uni object ID: the last six columns are fixed.
        fonts.append({"name": fields[0], "emb": fields[-5], "sub": fields[-4],
                      "uni": fields[-3]})
    return fonts
