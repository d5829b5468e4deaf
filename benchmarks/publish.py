"""Benchmark: publishing versions in a row, with PDFs, for many sites.

Generates SCHOOLS schools (default 29, so 30 sites with the CVO-wide one) as
`build_all.py` does, commits them in a new git repository in a temporary
folder, then publishes VERSIONS board versions one after the other (default 3),
each rewording one more rule so that every site changes; then a school's
revision (``--school``, one site) and an ``activate`` with nothing to move.
Every publish prints its PDFs (one per site and language) as a real one does.

It prints the wall time of each step with the load average around it (on a
shared machine the figures are noisy: read them with the load), the number of
files on ``gh-pages``, and the ratio last/first board version: publishing reads
only each site's previous version, so the time should not grow with the number
of versions already published.

    .venv/bin/python benchmarks/publish.py [--schools 29] [--versions 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support import cli_command  # noqa: E402
from build_all import environment, make_project  # noqa: E402

URL = "https://protocol.example/"
# (Dutch, English) wordings that each later version changes, in both languages.
REWORDINGS = [
    (("netjes en met respect", "vriendelijk en met respect"), ("decently and with respect", "kindly and with respect")),
    (("vriendelijk en met respect", "heel vriendelijk en met respect"),
     ("kindly and with respect", "very kindly and with respect")),
    (("heel vriendelijk en met respect", "altijd vriendelijk en met respect"),
     ("very kindly and with respect", "always kindly and with respect")),
]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


def timed(project: Path, *args: str) -> tuple[float, str]:
    """Run ``cvo-protocol`` with ``args``; its wall time, and its CPU time (its processes and theirs, Chromium
    and git included: less noisy than the wall time on a shared machine) with the load average (1 min) at its end."""
    start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([*cli_command(), *args], cwd=project, env=environment(), capture_output=True, text=True)
    seconds, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"cvo-protocol {' '.join(args)} failed:\n{result.stderr}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, f"CPU {cpu:5.1f} s, load {os.getloadavg()[0]:.2f}"


def reword(project: Path, number: int) -> None:
    for name, (old, new) in zip(("index.md", "index.en.md"), REWORDINGS[number % len(REWORDINGS)]):
        page = project / "docs" / name
        text = page.read_text(encoding="utf-8")
        if old not in text:  # after the list is used up: add a word to the sentence before
            old, new = new, new.replace(" en met respect", " en met veel respect").replace(
                " and with respect", " and with much respect")
        page.write_text(text.replace(old, new, 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=29)
    parser.add_argument("--versions", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cvo-publish-bench-") as temporary:
        project = Path(temporary) / "project"
        slugs = make_project(project, args.schools)
        identity = ["-c", "user.name=Bench", "-c", "user.email=bench@example.invalid"]
        git(project, "init", "-q", "-b", "main")
        git(project, *identity, "add", "-A")
        git(project, *identity, "commit", "-qm", "protocol")
        os.environ.setdefault("GIT_COMMITTER_NAME", "Bench")
        os.environ.setdefault("GIT_COMMITTER_EMAIL", "bench@example.invalid")
        print(f"{args.schools + 1} sites, {args.versions} board versions in a row, PDFs in every publish, "
              f"{len(os.sched_getaffinity(0))} CPU(s); load average before: "
              + " ".join(f"{value:.2f}" for value in os.getloadavg()))
        board = []
        for number in range(args.versions):
            year, month = 2025 + (2 + number) // 12, (2 + number) % 12 + 1
            version, effective = f"{year}.{month:02d}", f"{year}-{month:02d}-01"
            if number:
                reword(project, number - 1)
            seconds, load = timed(project, "publish", version, "--effective", effective, "--today", effective,
                                  "--alias", "latest", "--site-url", URL)
            files = len(git(project, "ls-tree", "-r", "--name-only", "gh-pages").splitlines())
            board.append(seconds)
            print(f"  publish {version} (board, {args.schools + 1} sites): {seconds:6.1f} s  "
                  f"{load}  gh-pages: {files} files")
        school = slugs[0]
        rules = project / "overlays" / school / "regels.nl.md"
        if rules.is_file():
            rules.write_text(rules.read_text(encoding="utf-8") + "\nEen extra zin.\n", encoding="utf-8")
            english = project / "overlays" / school / "regels.en.md"
            english.write_text(english.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
        seconds, load = timed(project, "publish", f"{version}-1", "--effective", effective, "--today", effective,
                              "--alias", "latest", "--site-url", URL, "--school", school)
        print(f"  publish {version}-1 --school {school} (1 site): {seconds:6.1f} s  {load}")
        seconds, load = timed(project, "activate", "--today", effective)
        print(f"  activate, nothing to move ({args.schools + 1} sites): {seconds:6.1f} s  {load}")
        print(f"last/first board version: {board[-1] / board[0]:.2f}; load average after: "
              + " ".join(f"{value:.2f}" for value in os.getloadavg()))


if __name__ == "__main__":
    main()
