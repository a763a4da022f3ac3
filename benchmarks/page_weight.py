#!/usr/bin/env python3
"""A page's first load, as a reader's browser makes it: requests and bytes, gzipped.

Serves a built site on 127.0.0.1, opens a page in headless Chromium with an empty cache and
records every request through the DevTools protocol. Each local response is counted at its
gzip size (level 6, as Read the Docs serves text), files that are compressed already (fonts,
images) as they are. Remote images in memoirs are listed apart: they come from the authors'
blogs, not from the handbook. Needs Debian's chromium.

    .venv/bin/python benchmarks/page_weight.py _build/html memoirs/2022-growing-pains.html
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import sys
import time
import urllib.parse
from pathlib import Path

import websockets

from search_time import Chromium, serve

COMPRESSED = (".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico")


async def requests_of(ws_url: str, url: str) -> list[str]:
    async with websockets.connect(ws_url, max_size=None) as ws:
        msg_id = 0
        seen: list[str] = []

        async def call(method: str, **params):
            nonlocal msg_id
            msg_id += 1
            await ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
            while True:
                reply = json.loads(await ws.recv())
                if reply.get("method") == "Network.requestWillBeSent":
                    seen.append(reply["params"]["request"]["url"])
                if reply.get("id") == msg_id:
                    return reply

        await call("Network.enable")
        await call("Network.setCacheDisabled", cacheDisabled=True)
        await call("Page.enable")
        await call("Page.navigate", url=url)
        end = time.perf_counter() + 5
        while time.perf_counter() < end:
            try:
                reply = json.loads(await asyncio.wait_for(ws.recv(), 0.5))
            except asyncio.TimeoutError:
                continue
            if reply.get("method") == "Network.requestWillBeSent":
                seen.append(reply["params"]["request"]["url"])
        return seen


def weight(html: Path, port: int, urls: list[str]) -> tuple[int, int, list[str]]:
    total, count, remote = 0, 0, []
    for url in dict.fromkeys(urls):
        parts = urllib.parse.urlsplit(url)
        if parts.hostname != "127.0.0.1" or parts.port != port:
            if parts.scheme in ("http", "https"):
                remote.append(url)
            continue
        path = html / urllib.parse.unquote(parts.path.lstrip("/"))
        if not path.is_file():
            continue
        data = path.read_bytes()
        size = len(data) if path.suffix in COMPRESSED else len(gzip.compress(data, 6))
        total += size
        count += 1
    return total, count, remote


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("html", type=Path)
    ap.add_argument("pages", nargs="+")
    args = ap.parse_args()
    server, port = serve(args.html)
    try:
        # remote images of the memoirs (the authors' blogs) are not fetched
        with Chromium("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1") as ws_url:
            print("| page | requests (local) | first load, gzip | remote images |")
            print("|---|---:|---:|---:|")
            for page in args.pages:
                urls = asyncio.run(requests_of(ws_url, f"http://127.0.0.1:{port}/{page}"))
                total, count, remote = weight(args.html, port, urls)
                print(f"| {page} | {count} | {total / 1e3:.0f} KB | {len(remote)} |")
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
