"""Benchmark: `cvo-protocol build --all` against one `mkdocs build` process per site.

Generates SCHOOLS schools (default 25) from the shipped ``overlays/voorbeeld-*``
examples in a temporary copy of the project, then, in the same run, times

- the loop: ``CVO_SCHOOL=<slug> mkdocs build`` once per site (the CVO-wide site
  and every school), one process after the other;
- ``cvo-protocol build --all``;

each the median of RUNS runs (default 3). It prints both, the ratio, the disk
use (hard links counted once), the peak memory of ``build --all`` and whether
every file of every site is byte-identical between the two.

With ``--each-patch`` every run also times ``build --all`` without each of
the internals `cvo_protocol.build.patches` replaces, and without the
compiled-template cache, one at a time: what each of them saves.

Every site is built in every language of ``mkdocs.yml`` (six since issue 15:
nl, en, tr, ar, pl, uk), one language pass each; the shipped overlays write
Dutch and English, so the other four show their rules in English.

    .venv/bin/python benchmarks/build_all.py [--schools 25] [--runs 3] [--each-patch]
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cvo_protocol.build import patches
from cvo_protocol.build.hardlinks import disk_usage

# The helpers the tests use too (copying the project, the command): tests/support.py.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support import cli_command, cli_environment, copy_project  # noqa: E402

BIN = Path(sys.executable).parent


def make_project(destination: Path, schools: int) -> list[str]:
    """Copy the project to ``destination`` with ``schools`` generated overlays; return their slugs."""
    overlays = copy_project(destination) / "overlays"
    examples = sorted(p for p in overlays.iterdir() if p.name.startswith("voorbeeld-"))
    slugs = []
    for number in range(1, schools + 1):
        example = examples[(number - 1) % len(examples)]
        slug = f"school-{number:02d}"
        shutil.copytree(example, overlays / slug)
        school_yml = overlays / slug / "school.yml"
        # Give each school its own name (name: nl:/en:), so every site differs.
        text = re.sub(r"^(name:\n  nl: .*)\n(  en: .*)$", rf"\1 {number}\n\2 {number}",
                      school_yml.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
        assert f" {number}\n" in text, school_yml
        school_yml.write_text(text, encoding="utf-8")
        slugs.append(slug)
    for example in examples:
        shutil.rmtree(example)
    return slugs


def environment() -> dict[str, str]:
    """The commands' environment, with a fixed build date so that every run writes the same bytes."""
    return cli_environment(SOURCE_DATE_EPOCH="1735689600")


def one_by_one(project: Path, names: list[str], out: Path) -> tuple[float, float]:
    """Build every site with its own ``mkdocs build`` process; return the seconds and CPU seconds taken."""
    cpu, start = children_cpu(), time.perf_counter()
    for name in names:
        env = {**environment(), "CVO_SCHOOL": "" if name == "cvo" else name}
        subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-d", str(out / name)], cwd=project, env=env, check=True)
    return time.perf_counter() - start, children_cpu() - cpu


def children_cpu() -> float:
    """User + system CPU seconds of every finished child process (workers included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build_all(project: Path, out: Path, without: str | None = None) -> tuple[float, float]:
    """Run ``cvo-protocol build --all`` (``without`` one of `SPEED_UPS`); return the seconds and CPU seconds."""
    command = cli_command() if without is None else [sys.executable, "-c", WITHOUT, without]
    cpu, start = children_cpu(), time.perf_counter()
    subprocess.run([*command, "build", "--all", "--site-dir", str(out)],
                   cwd=project, env=environment(), stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start, children_cpu() - cpu


# What --each-patch leaves out, one at a time: each patch, and the compiled-template cache.
SPEED_UPS = [*(patch.name for patch in patches.PATCHES), "template-cache"]
# `cvo-protocol` with one of them left out.
WITHOUT = """
import sys
from cvo_protocol.build import patches, templatecache
left_out = sys.argv.pop(1)
patches.PATCHES = tuple(patch for patch in patches.PATCHES if patch.name != left_out)
if left_out == "template-cache":
    templatecache.install = lambda env: None
from cvo_protocol.commands.cli import main
sys.exit(main(sys.argv[1:]))
"""


def peak_memory(project: Path, out: Path) -> int:
    """Run ``cvo-protocol build --all`` once more, untimed; return the peak of its processes' summed RSS.

    Sampling /proc costs CPU of its own, so the timed runs do without it.
    """
    command = cli_command()
    process = subprocess.Popen([*command, "build", "--all", "--site-dir", str(out)],
                               cwd=project, env=environment(), stdout=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        total = 0
        for pid in _tree(process.pid):
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            except OSError:
                pass
        peak = max(peak, total)
        time.sleep(0.01)
    if process.returncode != 0:
        raise SystemExit("cvo-protocol build --all failed")
    return peak


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    pids, queue = [], [root]
    while queue:
        pid = queue.pop()
        pids.append(pid)
        queue.extend(children.get(pid, []))
    return pids


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ, or exist on one side only."""
    found = []
    left_files = {p.relative_to(left) for p in left.rglob("*") if p.is_file()}
    right_files = {p.relative_to(right) for p in right.rglob("*") if p.is_file()}
    found += [f"only in one: {p}" for p in sorted(left_files ^ right_files)]
    for path in sorted(left_files & right_files):
        if not filecmp.cmp(left / path, right / path, shallow=False):
            found.append(f"differs: {path}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--schools", type=int, default=25)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--each-patch", action="store_true",
                        help="also time build --all without each patch and without the template cache")
    args = parser.parse_args()
    if sys.platform != "linux":
        print("note: peak memory is sampled from /proc and reads 0 outside Linux")
    with tempfile.TemporaryDirectory(prefix="cvo-bench-") as temporary:
        work = Path(temporary)
        project = work / "project"
        slugs = make_project(project, args.schools)
        names = ["cvo", *slugs]
        fast_times, loop_times, fast_cpu, loop_cpu = [], [], [], []
        without: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in SPEED_UPS}
        for run in range(args.runs):
            fast_out, loop_out = work / f"fast-{run}", work / f"loop-{run}"
            seconds, cpu = build_all(project, fast_out)
            fast_times.append(seconds)
            fast_cpu.append(cpu)
            seconds, cpu = one_by_one(project, names, loop_out)
            loop_times.append(seconds)
            loop_cpu.append(cpu)
            print(f"run {run + 1}: one by one {loop_times[-1]:.2f} s (CPU {cpu:.2f} s), "
                  f"build --all {fast_times[-1]:.2f} s (CPU {fast_cpu[-1]:.2f} s)", flush=True)
            for name in SPEED_UPS if args.each_patch else []:
                seconds, cpu = build_all(project, work / f"without-{name}-{run}", without=name)
                without[name][0].append(seconds)
                without[name][1].append(cpu)
        largest_process = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        peak = peak_memory(project, work / "memory")
        fast_out, loop_out = work / "fast-0", work / "loop-0"
        outputs = [work / f"fast-{run}" for run in range(args.runs)]
        outputs += [work / f"without-{name}-{run}" for name in SPEED_UPS if args.each_patch for run in range(args.runs)]
        diffs = [d for output in outputs for d in differences(loop_out, output)]
        loop_median, fast_median = statistics.median(loop_times), statistics.median(fast_times)
        one_site = disk_usage(loop_out / "cvo")
        print(f"sites: {len(names)} (the CVO-wide site and {len(slugs)} schools), {os.cpu_count()} CPU(s)")
        print(f"one by one (mkdocs build per site): median {loop_median:.2f} s of {_list(loop_times)}")
        print(f"cvo-protocol build --all:           median {fast_median:.2f} s of {_list(fast_times)}")
        print(f"speed-up: {loop_median / fast_median:.1f}x "
              f"(CPU time: {statistics.median(loop_cpu):.2f} s against {statistics.median(fast_cpu):.2f} s, "
              f"{statistics.median(loop_cpu) / statistics.median(fast_cpu):.1f}x less)")
        for name in SPEED_UPS if args.each_patch else []:
            seconds, cpu = (statistics.median(values) for values in without[name])
            print(f"build --all without {name + ':':21s} median {seconds:.2f} s (CPU {cpu:.2f} s): "
                  f"it saves {seconds - fast_median:.2f} s ({cpu - statistics.median(fast_cpu):.2f} s CPU)")
        print(f"load average while measuring: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(f"disk: one site {one_site / 1e6:.2f} MB; all sites one by one {disk_usage(loop_out) / 1e6:.2f} MB; "
              f"build --all {disk_usage(fast_out) / 1e6:.2f} MB "
              f"({disk_usage(fast_out) / one_site:.2f}x one site, hard links counted once)")
        print(f"peak memory of build --all: {peak / 1e6:.0f} MB summed over its processes (sampled every 10 ms); "
              f"largest single process of the whole benchmark {largest_process / 1e6:.0f} MB")
        if diffs:
            print(f"NOT byte-identical: {len(diffs)} difference(s):")
            print("\n".join(f"  {d}" for d in diffs[:20]))
            return 1
        files = sum(1 for p in fast_out.rglob("*") if p.is_file())
        print(f"byte-identical: yes ({files} files in {len(names)} sites, each run of build --all "
              f"{'(also without each patch) ' if args.each_patch else ''}against the one-by-one build)")
    return 0


def _list(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    sys.exit(main())
