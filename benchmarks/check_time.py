#!/usr/bin/env python3
"""How long `make check` takes on handbooks of 5 and 200 memoirs (synthetic, see synth.py).

For each size: the first run (a fresh environment: every page read and checked), a second run
with nothing changed, and a run after editing one memoir. Each figure is the best of three.
Prints a Markdown table; docs/validation.md records it.

    .venv/bin/python benchmarks/check_time.py [--sizes 5,200]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synth import REPO, make_handbook


def timed(src: Path) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": str(src / "_ext")}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "handbook.check", str(src)], env=env,
                          capture_output=True, text=True)
    return time.perf_counter() - start, len(proc.stdout.splitlines())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5,200")
    args = ap.parse_args()
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}\n")
    print("| memoirs | first run | nothing changed | one memoir edited | problems |")
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            first, again, edited = [], [], []
            for _ in range(3):
                src = make_handbook(n, Path(tmp) / f"h{n}")
                seconds, problems = timed(src)
                first.append(seconds)
                again.append(timed(src)[0])
                memoir = sorted((src / "memoirs").glob("*.md"))[0]
                memoir.write_text(memoir.read_text(encoding="utf-8") + "\n편집.\n",
                                  encoding="utf-8")
                edited.append(timed(src)[0])
                shutil.rmtree(src)
            print(f"| {n} | {min(first):.1f} s | {min(again):.1f} s | {min(edited):.1f} s "
                  f"| {problems} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
