# SPDX-License-Identifier: GPL-3.0-or-later
"""A small Chrome DevTools Protocol client for the browser tests: starts Debian's headless
chromium with a fresh profile, opens a page target and talks to it over python3-websocket.

Events the tests care about (console calls, exceptions, log entries, dialogs) are collected as
they arrive, whichever command is being waited for, so nothing is missed between commands.
Run with /usr/bin/python3 (Debian's python3-websocket)."""

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request

import websocket

CHROMIUM = "/usr/bin/chromium"
WATCHED = ("Runtime.consoleAPICalled", "Runtime.exceptionThrown", "Log.entryAdded",
           "Page.javascriptDialogOpening", "Page.loadEventFired")


class CdpError(RuntimeError):
    pass


class Browser:
    """One headless chromium and one page. Use as a context manager: it kills chromium and
    removes the profile at the end, also when a test fails."""

    def __init__(self, width=1280, height=900, timeout=20.0):
        self.width, self.height, self.timeout = width, height, timeout
        self.profile = tempfile.mkdtemp(prefix="netlens-chromium-")
        self.proc = None
        self.ws = None
        self.next_id = 0
        self.events = []

    # -- lifetime ---------------------------------------------------------------------------

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def start(self):
        args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--user-data-dir=" + self.profile, "--remote-debugging-port=0",
                "--window-size=%d,%d" % (self.width, self.height), "about:blank"]
        self.log = open(os.path.join(self.profile, "chromium.log"), "wb")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        # Port 0: chromium picks a free port and writes it to DevToolsActivePort.
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + self.timeout
        port = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise CdpError("chromium exited with status %d: %s" % (self.proc.returncode,
                                                                       self.chromium_log()))
            try:
                with open(port_file) as f:
                    lines = f.read().split("\n")
                if lines and lines[0].strip():
                    port = int(lines[0])
                    break
            except (FileNotFoundError, ValueError):
                pass
            time.sleep(0.05)
        if port is None:
            raise CdpError("chromium wrote no DevToolsActivePort in %.0f s" % self.timeout)
        targets = json.load(urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port,
                                                   timeout=self.timeout))
        page = next((t for t in targets if t.get("type") == "page"), None)
        if page is None:
            req = urllib.request.Request("http://127.0.0.1:%d/json/new?about:blank" % port,
                                         method="PUT")
            page = json.load(urllib.request.urlopen(req, timeout=self.timeout))
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=self.timeout,
                                              suppress_origin=True)
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(domain + ".enable")
        self.send("Emulation.setDeviceMetricsOverride", width=self.width, height=self.height,
                  deviceScaleFactor=1, mobile=False)

    def close(self):
        if self.ws is not None:
            try:
                self.ws.close()
            except Exception:
                pass
            self.ws = None
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(5)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(5)
            self.proc = None
            self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def chromium_log(self):
        try:
            with open(os.path.join(self.profile, "chromium.log"), "rb") as f:
                return f.read()[-2000:].decode("utf-8", "replace")
        except OSError:
            return ""

    # -- protocol ---------------------------------------------------------------------------

    def _receive(self, deadline):
        self.ws.settimeout(max(0.05, deadline - time.monotonic()))
        msg = json.loads(self.ws.recv())
        if "method" in msg:
            if msg["method"] in WATCHED:
                self.events.append(msg)
            if msg["method"] == "Page.javascriptDialogOpening":
                # Answer it, or the page (and every later command) hangs on the dialog.
                self._post("Page.handleJavaScriptDialog", accept=False)
        return msg

    def _post(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        return self.next_id

    def send(self, method, **params):
        """Sends a command and returns its result; raises CdpError on a protocol error."""
        mid = self._post(method, **params)
        deadline = time.monotonic() + self.timeout
        while True:
            if time.monotonic() > deadline:
                raise CdpError("%s: no answer in %.0f s" % (method, self.timeout))
            msg = self._receive(deadline)
            if msg.get("id") == mid:
                if "error" in msg:
                    raise CdpError("%s: %s" % (method, msg["error"].get("message")))
                return msg.get("result", {})

    def pump(self, seconds):
        """Collects events for a while (no command pending)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                self._receive(deadline)
            except websocket.WebSocketTimeoutException:
                break

    # -- conveniences -----------------------------------------------------------------------

    def navigate(self, url, wait_load=True):
        self.events = [e for e in self.events if e["method"] != "Page.loadEventFired"]
        result = self.send("Page.navigate", url=url)
        if result.get("errorText"):
            raise CdpError("%s: %s" % (url, result["errorText"]))
        if wait_load:
            deadline = time.monotonic() + self.timeout
            while not any(e["method"] == "Page.loadEventFired" for e in self.events):
                if time.monotonic() > deadline:
                    raise CdpError("%s: no load event in %.0f s" % (url, self.timeout))
                try:
                    self._receive(deadline)
                except websocket.WebSocketTimeoutException:
                    pass

    def evaluate(self, expression, await_promise=False):
        """The JSON value of `expression`; raises CdpError with the page's exception text."""
        r = self.send("Runtime.evaluate", expression=expression, returnByValue=True,
                      awaitPromise=await_promise)
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise CdpError("evaluate %r: %s" % (expression[:80], d.get("exception", {}).get(
                "description", d.get("text"))))
        return r["result"].get("value")

    def wait_for(self, expression, timeout=15.0, what=None):
        """Waits until `expression` is truthy in the page; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise CdpError("timed out after %.0f s waiting for %s" % (timeout,
                                                                          what or expression))
            self.pump(0.05)

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        with open(path, "wb") as f:
            f.write(base64.b64decode(data["data"]))
        return path

    def next_frames(self, count=2):
        """Returns once the page has rendered `count` more frames."""
        self.evaluate("new Promise((done) => { let n = %d; const step = () => --n > 0 ?"
                      " requestAnimationFrame(step) : done(true); requestAnimationFrame(step); })"
                      % count, await_promise=True)

    def full_page_screenshot(self, path, settled=None):
        """The whole page, not only the viewport: the metrics are set to its height first.
        `settled`: a JS condition that holds once the page has laid itself out again for the
        new size (charts resize from a ResizeObserver, a frame or more later)."""
        height = int(self.evaluate("Math.ceil(document.documentElement.scrollHeight)"))
        self.send("Emulation.setDeviceMetricsOverride", width=self.width, height=height,
                  deviceScaleFactor=1, mobile=False)
        try:
            self.next_frames()
            if settled:
                self.wait_for(settled, timeout=10, what="the page to settle at its full height")
            self.next_frames()
            return self.screenshot(path)
        finally:
            self.send("Emulation.setDeviceMetricsOverride", width=self.width, height=self.height,
                      deviceScaleFactor=1, mobile=False)

    def set_offline(self, offline=True):
        self.send("Network.emulateNetworkConditions", offline=offline, latency=0,
                  downloadThroughput=-1, uploadThroughput=-1)

    def set_accept_language(self, value):
        self.send("Network.setExtraHTTPHeaders", headers={"Accept-Language": value})

    def add_script_on_new_document(self, source):
        return self.send("Page.addScriptToEvaluateOnNewDocument", source=source)

    # -- what went wrong --------------------------------------------------------------------

    def problems(self):
        """Console errors and warnings, exceptions, error log entries and dialogs, as text."""
        out = []
        for e in self.events:
            m, p = e["method"], e.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
                out.append("console.%s: %s" % (p["type"], " ".join(
                    str(a.get("value", a.get("description", ""))) for a in p.get("args", []))))
            elif m == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                out.append("exception: %s" % d.get("exception", {}).get("description",
                                                                          d.get("text")))
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error",
                                                                                "warning"):
                entry = p["entry"]
                out.append("log %s: %s %s" % (entry.get("level"), entry.get("text"),
                                              entry.get("url", "")))
            elif m == "Page.javascriptDialogOpening":
                out.append("dialog %s: %s" % (p.get("type"), p.get("message")))
        return out

    def dialogs(self):
        return [e["params"] for e in self.events if e["method"] == "Page.javascriptDialogOpening"]
