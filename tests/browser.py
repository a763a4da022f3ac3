"""Headless Chromium for the tests: pages as a reader meets them, at phone and desktop widths.

A built site is served on 127.0.0.1 and opened in Debian's chromium, driven through the
DevTools protocol (``websockets``, already in the lock as a dependency of sphinx-autobuild):
``Browser.open`` loads a page at a given width, ``evaluate`` runs JavaScript in it and returns
the value, ``click`` dispatches a real mouse click at an element's centre, ``axe`` runs
axe-core (``node_modules/axe-core``, installed by ``make test`` from package-lock.json).
"""

from __future__ import annotations

import asyncio
import functools
import http.server
import json
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = (390, 844)
DESKTOP = (1400, 900)
#: WCAG 2.x A and AA, the issue's bar.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Browser:
    def __init__(self, site: Path, chromium: str) -> None:
        handler = functools.partial(_Quiet, directory=str(site))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.profile = tempfile.mkdtemp()
        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--hide-scrollbars",
             # remote images of the memoirs (the authors' blogs) are not fetched
             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
             f"--user-data-dir={self.profile}", f"--remote-debugging-port={port}",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
                break
            except OSError:
                time.sleep(0.05)
        self.ws_url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        self.loop = asyncio.new_event_loop()
        self.ws = self.loop.run_until_complete(websockets.connect(self.ws_url, max_size=None))
        self.next_id = 0
        self.call("Page.enable")
        self.call("Runtime.enable")

    # -- protocol ----------------------------------------------------------------------------

    def call(self, method: str, **params) -> dict:
        return self.loop.run_until_complete(self._call(method, params))

    async def _call(self, method: str, params: dict) -> dict:
        self.next_id += 1
        msg_id = self.next_id
        await self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            reply = json.loads(await self.ws.recv())
            if reply.get("id") == msg_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    # -- what a test does --------------------------------------------------------------------

    def open(self, page: str, size: tuple[int, int] = DESKTOP, dark: bool = False) -> None:
        width, height = size
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=width < 600)
        self.call("Emulation.setEmulatedMedia", features=[
            {"name": "prefers-color-scheme", "value": "dark" if dark else "light"}])
        self.call("Page.navigate", url=self.base + page)
        self.wait_for("document.readyState === 'complete'")
        time.sleep(0.3)  # the themes' scripts finish on load

    def evaluate(self, expression: str, await_promise: bool = False):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=await_promise)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result.get("result", {}).get("value")

    def wait_for(self, condition: str, timeout: float = 10) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.evaluate(f"!!({condition})"):
                return
            time.sleep(0.05)
        raise TimeoutError(condition)

    def click(self, selector: str) -> None:
        box = self.evaluate(f"""(() => {{
            const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2, r.width, r.height]; }})()""")
        x, y, width, height = box
        assert width > 0 and height > 0, f"{selector} is not visible"
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left",
                      clickCount=1)
        time.sleep(0.4)

    def visible(self, selector: str) -> bool:
        return bool(self.evaluate(f"""(() => {{
            const e = document.querySelector({json.dumps(selector)});
            if (!e) return false;
            const r = e.getBoundingClientRect(), s = getComputedStyle(e);
            return r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth
                && s.visibility !== 'hidden' && s.display !== 'none'; }})()"""))

    def axe(self) -> list[dict]:
        """axe-core's WCAG 2.x A/AA violations on the open page."""
        if not self.evaluate("typeof axe !== 'undefined'"):
            self.evaluate(AXE.read_text(encoding="utf-8"))
        return self.evaluate(
            "axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})"
            ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)})))"
            % json.dumps(AXE_TAGS), await_promise=True)

    def close(self) -> None:
        self.loop.run_until_complete(self.ws.close())
        self.loop.close()
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.server.shutdown()
        shutil.rmtree(self.profile, ignore_errors=True)
