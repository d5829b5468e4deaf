"""The few git operations publishing needs beyond mike: refs, files, a lock."""

from __future__ import annotations

import contextlib
import fcntl
import subprocess
from collections.abc import Iterator
from pathlib import Path

from cvo_protocol.core.errors import ProtocolError

ZERO = "0" * 40


class GitRepo:
    """A git working copy, driven through the ``git`` command."""

    def __init__(self, root: Path) -> None:
        self.root = root
        try:
            self.git_dir = Path(self.run("rev-parse", "--absolute-git-dir"))
            self.run("rev-parse", "--verify", "HEAD")
        except ProtocolError:
            raise ProtocolError(
                f"{root} is not a git repository with at least one commit",
                fix="publish from a clone of the project (git init, git add ., git commit)",
            ) from None

    def run(self, *args: str, input: str | None = None) -> str:
        result = subprocess.run(
            ["git", *args], cwd=self.root, capture_output=True, text=True, input=input
        )
        if result.returncode != 0:
            raise ProtocolError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout.strip()

    def branch_tip(self, branch: str) -> str | None:
        result = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
            cwd=self.root, capture_output=True, text=True,
        )
        return result.stdout.strip() or None

    def set_branch(self, branch: str, new: str, expected_old: str | None) -> None:
        """Move ``branch`` to ``new`` in one step, only if it is still at ``expected_old``."""
        self.run("update-ref", f"refs/heads/{branch}", new, expected_old or ZERO)

    def delete_branch(self, branch: str) -> None:
        if self.branch_tip(branch):
            self.run("update-ref", "-d", f"refs/heads/{branch}")

    def files_under(self, rev: str, folder: str) -> list[str]:
        output = self.run("ls-tree", "-r", "--name-only", rev, "--", folder.rstrip("/") + "/")
        return [line for line in output.splitlines() if line]

    def has_file(self, rev: str, path: str) -> bool:
        result = subprocess.run(["git", "cat-file", "-e", f"{rev}:{path}"], cwd=self.root, capture_output=True)
        return result.returncode == 0

    def read(self, rev: str, path: str) -> str:
        return self.run("show", f"{rev}:{path}")

    @contextlib.contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """Hold an exclusive lock; the kernel releases it if the process dies."""
        path = self.git_dir / name
        with open(path, "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise ProtocolError(
                    "another publish is running in this repository",
                    file=path,
                    fix="wait until it has finished, then publish again",
                ) from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
