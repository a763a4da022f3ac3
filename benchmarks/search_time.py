#!/usr/bin/env python3
"""Time to the first search result, in headless Chromium, on a built site.

Opens ``search.html?q=QUERY`` of a built handbook from a local HTTP server on 127.0.0.1 and
measures, through the Chrome DevTools Protocol, the time from navigation to the first result
in the list; also which pages load ``searchindex.js``. Needs Debian's chromium.

    .venv/bin/python benchmarks/search_time.py _build/html [--query 회고] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.server
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import websockets


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, int]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


class Chromium:
    """Headless Debian chromium with the DevTools protocol on a local port; a context manager
    whose value is the first page's WebSocket URL. Shared by the benchmarks."""

    def __init__(self, *flags: str) -> None:
        self.flags = flags

    def __enter__(self) -> str:
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            raise SystemExit("needs Debian's chromium (apt-get install chromium)")
        debug = free_port()
        self.profile = tempfile.mkdtemp()
        self.proc = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", *self.flags, f"--user-data-dir={self.profile}",
             f"--remote-debugging-port={debug}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{debug}/json"))
                break
            except OSError:
                time.sleep(0.1)
        return next(p["webSocketDebuggerUrl"] for p in pages if p["type"] == "page")

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        shutil.rmtree(self.profile, ignore_errors=True)


async def first_result(ws_url: str, url: str, timeout: float = 60) -> tuple[float, int]:
    async with websockets.connect(ws_url, max_size=None) as ws:
        ids = iter(range(1, 10**6))

        async def call(method: str, **params):
            msg_id = next(ids)
            await ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
            while True:
                reply = json.loads(await ws.recv())
                if reply.get("id") == msg_id:
                    return reply.get("result", {})

        await call("Page.enable")
        start = time.perf_counter()
        await call("Page.navigate", url=url)
        while time.perf_counter() - start < timeout:
            result = await call("Runtime.evaluate", expression=(
                "document.querySelectorAll('#search-results li, ul.search li').length"),
                returnByValue=True)
            count = result.get("result", {}).get("value") or 0
            if count:
                return time.perf_counter() - start, count
            await asyncio.sleep(0.02)
    raise TimeoutError(url)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("html", type=Path)
    ap.add_argument("--query", default="회고")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    server, port = serve(args.html)
    try:
        with Chromium() as ws_url:
            url = f"http://127.0.0.1:{port}/search.html?q={urllib.parse.quote(args.query)}"
            times = []
            for _ in range(args.runs):
                seconds, count = asyncio.run(first_result(ws_url, url))
                times.append(seconds)
    finally:
        server.shutdown()
    size = (args.html / "searchindex.js").stat().st_size
    loaders = sorted(p.relative_to(args.html).as_posix() for p in args.html.rglob("*.html")
                     if "searchindex.js" in p.read_text(encoding="utf-8")
                     and "_static" not in p.parts)
    print(f"searchindex.js {size / 1e3:.0f} KB; query {args.query!r}: first of {count} "
          f"results after {min(times):.2f} s (best of {args.runs}); pages that load the "
          f"index: {', '.join(loaders) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
