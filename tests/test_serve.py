"""`cvo-protocol serve --school`: the preview follows edits of the school's overlay."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

from crawl import fetch
from support import cli_command, cli_environment

SCHOOL = "voorbeeld-de-linde"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if text in fetch(url)[1]:
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def test_serve_rebuilds_when_an_overlay_file_is_saved(project: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [*cli_command(), "serve", "--school", SCHOOL, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=cli_environment(),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/en/"
        assert wait_for(url, "Phone in the locker during lessons"), "the preview did not start"
        rules = project / "overlays" / SCHOOL / "regels.en.md"
        rules.write_text(rules.read_text().replace("Phone in the locker during lessons", "Phone in the blue crate"))
        assert wait_for(url, "Phone in the blue crate"), "the preview did not follow the overlay"
    finally:
        server.terminate()
        server.wait(timeout=30)
