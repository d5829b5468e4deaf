"""Lighthouse on a built site served with gzip on 127.0.0.1, at phone size (a benchmark, not a test).

Usage, from the project folder::

    .venv/bin/cvo-protocol build --all
    npm ci --prefix benchmarks
    .venv/bin/python benchmarks/lighthouse.py [site/cvo] [--path /] [--runs 3]

Prints the four category scores and the bytes transferred on a first visit.
Chromium is the one publishing prints with (``CVO_CHROMIUM``, else ``chromium``… on ``PATH``).
The served folder is the host's root: ``site/cvo`` for a built site, or a
checked-out ``gh-pages`` tree with ``--path /cvo/latest/``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.publishing.pdf import find_chromium

HERE = Path(__file__).resolve().parent
# The helpers the tests use too (serving a folder, Chromium's flags): tests/support.py.
sys.path.insert(0, str(HERE.parent / "tests"))
from support import CHROMIUM_ARGS, serve_folder  # noqa: E402

LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM_FLAGS = " ".join(("--headless", *CHROMIUM_ARGS))
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
FIRST_VISIT_LIMIT = 100 * 1024
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files as production hosts send them: text gzipped, cached for ten minutes."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            super().do_GET()  # binary files, directory redirects, 404
            return
        body = gzip.compress(path.read_bytes(), compresslevel=9)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends
        super().end_headers()


def run_lighthouse(url: str, chromium: str) -> dict:
    """One Lighthouse run with ``chromium`` at 390×844 (mobile, default throttling); the JSON report."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-profile-") as profile:
        command = [
            str(LIGHTHOUSE), url,
            "--output=json", "--output-path=stdout", "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            "--form-factor=mobile",
            "--screenEmulation.mobile", "--screenEmulation.width=390", "--screenEmulation.height=844",
            "--screenEmulation.deviceScaleFactor=3",
            f"--chrome-flags={CHROMIUM_FLAGS} --user-data-dir={profile}",
        ]
        env = {**os.environ, "CHROME_PATH": chromium}
        result = subprocess.run(command, check=False, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        sys.exit(f"error: lighthouse failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def summary(report: dict) -> dict[str, float]:
    """The four category scores and the bytes transferred."""
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    scores["bytes"] = report["audits"]["total-byte-weight"]["numericValue"]
    return scores


def failed_audits(report: dict) -> list[str]:
    """Audits below a full score in the categories other than performance, for fixing."""
    lines = []
    for name in CATEGORIES[1:]:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                lines.append(f"  {name}: {audit['id']}: {audit['title']}")
                for item in (audit.get("details") or {}).get("items", [])[:3]:
                    source = item.get("source")
                    detail = item.get("url") or item.get("description") or item.get("node", {}).get("snippet")
                    detail = detail or (source.get("snippet") if isinstance(source, dict) else source)
                    if detail:
                        lines.append(f"    {str(detail)[:160]}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="site/cvo", type=Path, help="folder served as the host root")
    parser.add_argument("--path", default="/", help="page to measure (default: /)")
    parser.add_argument("--port", type=int, default=0, help="port, e.g. the one in a build's site_url")
    parser.add_argument("--runs", type=int, default=3, help="runs; the median is printed (default: 3)")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        sys.exit(f"error: {args.site} is not a built site; run `cvo-protocol build --all` first")
    if not LIGHTHOUSE.is_file():
        sys.exit("error: Lighthouse is not installed; run `npm ci --prefix benchmarks`")
    try:
        chromium = find_chromium()  # as publishing finds it: $CVO_CHROMIUM, else chromium… on PATH
    except ProtocolError as error:
        sys.exit(f"error: {error.problem}; install Chromium or set CVO_CHROMIUM to the browser's path")
    server, base = serve_folder(args.site.resolve(), GzipHandler, args.port)
    try:
        reports = [run_lighthouse(base + args.path, chromium) for _ in range(args.runs)]
    finally:
        server.shutdown()
    results = [summary(report) for report in reports]
    print(f"{base}{args.path} at 390x844, gzip, median of {len(results)} run(s)")
    ok = True
    for name in CATEGORIES:
        value = statistics.median(result[name] for result in results)
        target_met = value >= TARGETS[name]
        ok &= target_met
        print(f"  {name:15} {value:.2f}  (target >= {TARGETS[name]:.2f}{'' if target_met else ', MISSED'})")
    transferred = statistics.median(result["bytes"] for result in results)
    ok &= transferred <= FIRST_VISIT_LIMIT
    print(f"  {'transferred':15} {transferred / 1024:.1f} KB  (target <= {FIRST_VISIT_LIMIT // 1024} KB)")
    for line in failed_audits(reports[-1]):
        print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
