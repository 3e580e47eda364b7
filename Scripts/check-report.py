#!/usr/bin/env python3
"""Renders a grouper HTML report in headless Chromium and checks it.

Speaks the Chrome DevTools protocol over a websocket with the standard library only. Fails on
any console message of level error, any uncaught exception, any request for something outside
the report file, and any figure (an element with data-figure and data-value) that differs from
the run's summary.json and episodes.csv or from the text shown. Optionally saves a screenshot.

usage: check-report.py --chromium PATH --report FILE.html --run RUN_DIR [--screenshot FILE.png
                       [--section ID]]
"""

import argparse
import base64
import csv
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from decimal import Decimal


class WebSocket:
    """A minimal client websocket (RFC 6455): text frames out, masked; frames in, unmasked."""

    def __init__(self, url):
        assert url.startswith("ws://")
        rest = url[len("ws://"):]
        hostport, path = rest.split("/", 1)
        host, port = hostport.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise RuntimeError("websocket handshake: connection closed")
            response += chunk
        head, self.buffer = response.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError("websocket handshake refused: " + head.decode(errors="replace"))

    def send(self, text):
        payload = text.encode()
        header = bytearray([0x81])
        n = len(payload)
        if n < 126:
            header.append(0x80 | n)
        elif n < 1 << 16:
            header.append(0x80 | 126)
            header += n.to_bytes(2, "big")
        else:
            header.append(0x80 | 127)
            header += n.to_bytes(8, "big")
        mask = os.urandom(4)
        header += mask
        self.sock.sendall(bytes(header) + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise RuntimeError("websocket closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def receive(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = int.from_bytes(self._read(2), "big")
            elif n == 127:
                n = int.from_bytes(self._read(8), "big")
            if b1 & 0x80:
                mask = self._read(4)
                data = bytes(b ^ mask[i % 4] for i, b in enumerate(self._read(n)))
            else:
                data = self._read(n)
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise RuntimeError("websocket closed by the browser")
            if opcode in (0x9, 0xA):
                continue
            message += data
            if b0 & 0x80:
                return message.decode()


class DevTools:
    """Commands and events of one page target."""

    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == my_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for(self, method, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if any(e["method"] == method for e in self.events):
                return
            message = json.loads(self.ws.receive())
            if "method" in message:
                self.events.append(message)
        raise RuntimeError(f"timed out waiting for {method}")


def start_chromium(path, profile):
    process = subprocess.Popen(
        [path, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-extensions", "--disable-background-networking", "--disable-sync",
         "--disable-component-update", "--disable-default-apps", "--mute-audio",
         "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
         f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = os.path.join(profile, "DevToolsActivePort")
    deadline = time.time() + 60
    while time.time() < deadline:
        if os.path.exists(port_file):
            lines = open(port_file).read().split("\n")
            if lines and lines[0].strip().isdigit():
                return process, int(lines[0])
        if process.poll() is not None:
            raise RuntimeError("chromium exited before it opened the DevTools port")
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("chromium did not open the DevTools port within 60 s")


def page_socket(port):
    deadline = time.time() + 30
    while time.time() < deadline:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json") as r:
            targets = json.load(r)
        pages = [t for t in targets if t.get("type") == "page" and "webSocketDebuggerUrl" in t]
        if pages:
            return pages[0]["webSocketDebuggerUrl"]
        time.sleep(0.2)
    raise RuntimeError("no page target")


def expected_figures(run):
    """The figures the report must show, from summary.json and episodes.csv."""
    summary = json.load(open(os.path.join(run, "summary.json")), parse_float=Decimal)
    want = {}
    for name, n in summary["lines"].items():
        want[f"lines.{name}"] = Decimal(n)
    for name in ["read", "rejected", "assigned", "unassigned", "prorated_away"]:
        want[f"dollars.{name}"] = Decimal(summary["dollars"][name])
    for status, n in summary["episodes"]["by_status"].items():
        want[f"episodes.{status}"] = Decimal(n)
    want["episodes.total"] = Decimal(summary["episodes"]["total"])
    per = defaultdict(lambda: {"episodes": 0, "allowed": Decimal(0), "complete": 0,
                               "complete_total": Decimal(0)})
    providers = defaultdict(int)
    with open(os.path.join(run, "episodes.csv"), newline="") as f:
        for row in csv.DictReader(f):
            d = per[row["definition_id"]]
            d["episodes"] += 1
            d["allowed"] += Decimal(row["allowed_total"])
            providers[(row["definition_id"], row["accountable_provider"])] += 1
            if row["status"] == "complete":
                d["complete"] += 1
                d["complete_total"] += Decimal(row["allowed_total"])
    for d, v in per.items():
        want[f"definition.{d}.episodes"] = Decimal(v["episodes"])
        want[f"definition.{d}.allowed_total"] = v["allowed"]
        want[f"definition.{d}.complete"] = Decimal(v["complete"])
        want[f"definition.{d}.complete_total"] = v["complete_total"]
    for (d, p), n in providers.items():
        want[f"definition.{d}.provider.{p}.episodes"] = Decimal(n)
    return want


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("--run", required=True)
    parser.add_argument("--screenshot")
    parser.add_argument("--section", help="the id of the element the screenshot starts at")
    args = parser.parse_args()
    report = os.path.abspath(args.report)
    url = "file://" + report
    problems = []
    profile = tempfile.mkdtemp(prefix="grouper-chromium-")
    process = None
    try:
        process, port = start_chromium(args.chromium, profile)
        tools = DevTools(WebSocket(page_socket(port)))
        for domain in ["Page", "Runtime", "Log", "Network"]:
            tools.call(f"{domain}.enable")
        tools.call("Emulation.setDeviceMetricsOverride", width=1100, height=1400,
                   deviceScaleFactor=1, mobile=False)
        tools.call("Page.navigate", url=url)
        tools.wait_for("Page.loadEventFired")
        time.sleep(0.5)
        figures = tools.call(
            "Runtime.evaluate", returnByValue=True,
            expression="JSON.stringify(Array.from(document.querySelectorAll('[data-figure]'))"
                       ".map(e => [e.dataset.figure, e.dataset.value || '', e.textContent]))")
        shown = json.loads(figures["result"]["value"])
        if args.screenshot:
            top = 0
            if args.section:
                found = tools.call(
                    "Runtime.evaluate", returnByValue=True,
                    expression=f"document.getElementById({json.dumps(args.section)})"
                               ".getBoundingClientRect().top + window.scrollY")
                top = found["result"].get("value", 0)
            shot = tools.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                              clip={"x": 0, "y": top, "width": 1100, "height": 1400, "scale": 1})
            with open(args.screenshot, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
        # Drain what is left to read before judging the events.
        tools.call("Runtime.evaluate", expression="1")
        for e in tools.events:
            m, p = e["method"], e["params"]
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                problems.append(f"console {p['type']}: {p.get('args')}")
            elif m == "Runtime.exceptionThrown":
                problems.append(f"exception: {p['exceptionDetails'].get('text')}")
            elif m == "Log.entryAdded" and p["entry"].get("level") == "error":
                problems.append(f"log error: {p['entry'].get('text')} {p['entry'].get('url', '')}")
            elif m == "Network.requestWillBeSent":
                requested = p["request"]["url"]
                if requested != url and not requested.startswith("data:"):
                    problems.append(f"request outside the file: {requested}")
    finally:
        if process is not None:
            process.kill()
            process.wait()
        shutil.rmtree(profile, ignore_errors=True)

    want = expected_figures(args.run)
    seen = {}
    for name, value, text in shown:
        seen[name] = value
        plain = text.replace(",", "").strip()
        if value and value.lstrip("-").replace(".", "", 1).isdigit() and plain != value:
            problems.append(f"figure {name}: shows '{text}' but its value is '{value}'")
    for name, expected in sorted(want.items()):
        if name not in seen:
            problems.append(f"figure {name}: not in the report (expected {expected})")
        elif Decimal(seen[name]) != expected:
            problems.append(f"figure {name}: report {seen[name]}, run {expected}")
    if seen.get("dollars.balanced") != "true":
        problems.append("the report does not show the dollars balancing")
    if problems:
        for p in problems:
            print(f"check-report: {p}", file=sys.stderr)
        sys.exit(1)
    print(f"check-report: {len(shown)} figures shown, {len(want)} checked against the run; "
          "no console error, no request outside the file")


if __name__ == "__main__":
    main()
