"""``latest`` of every site on the newest version whose date has come, in one atomic step.

A version published before its effective date is *coming*: `publish` leaves
``latest`` on the version in force. `activate` is what moves it on the day: for
each site, the newest version (see `version_key`) whose effective date is on or
before ``today``. All sites move in one commit on a work branch, then
``gh-pages`` moves to it with the same compare-and-swap as a publish; killed
before that, ``gh-pages`` is as it was. Nothing to move: nothing is written,
so it is safe to run every day (the workflow does).

Only ``versions.json`` and the ``latest`` link of each site change: mike's own
``alias`` command reads every file of the version again (one ``git`` process
per file), which a daily run over every school does not need for a symbolic
link.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from mike import commands as mike_commands
from mike import git_utils
from mike.versions import VersionInfo, Versions

from cvo_protocol.core.addresses import LATEST
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.project import Project
from cvo_protocol.core.release import version_key
from cvo_protocol.publishing.gitrepo import GitRepo
from cvo_protocol.publishing.publish import BRANCH, LOCK, working_directory, published_sites

WORK_BRANCH = "cvo-publish/activate"


@dataclass(frozen=True)
class Move:
    """``latest`` of one site moved from ``old`` (None: it had none) to ``new``."""

    site: str
    old: str | None
    new: str


def version_in_force(versions: Iterable[VersionInfo], today: datetime.date) -> str | None:
    """The newest version whose effective date is on or before ``today`` (a version without one counts as in force)."""
    in_force = [str(info.version) for info in versions
                if (info.properties or {}).get("effective", "") <= today.isoformat()]
    return max(in_force, key=version_key, default=None)


def activate(project: Project, today: datetime.date, *, push: bool = False, remote: str = "origin") -> list[Move]:
    """Move ``latest`` of every site to its version in force on ``today``; see the module docstring."""
    repo = GitRepo(project.root)
    with repo.lock(LOCK), working_directory(project.root):
        old_tip = repo.branch_tip(BRANCH)
        if old_tip is None:
            return []
        moves: list[Move] = []
        files: list[git_utils.FileInfo] = []
        for site in published_sites(project):
            versions = mike_commands.list_versions(BRANCH, site)
            move = _move(site, versions, today)
            if move is None:
                continue
            versions.update(move.new, aliases=[LATEST], update_aliases=True)
            # A relative symbolic link inside the site's folder, as mike's deploy writes it.
            files.append(git_utils.FileInfo(f"{site}/{LATEST}", move.new, mode=0o120000))
            files.append(mike_commands.versions_to_file_info(versions, site))
            moves.append(move)
        if moves:
            _commit(repo, old_tip, moves, files, today)
    if moves and push:
        repo.run("push", remote, f"refs/heads/{BRANCH}:refs/heads/{BRANCH}")
    return moves


def _move(site: str, versions: Versions, today: datetime.date) -> Move | None:
    target = version_in_force(versions, today)
    current = next((str(info.version) for info in versions if LATEST in info.aliases), None)
    return None if target is None or target == current else Move(site, current, target)


def _commit(repo: GitRepo, old_tip: str, moves: list[Move], files: list[git_utils.FileInfo],
            today: datetime.date) -> None:
    repo.delete_branch(WORK_BRANCH)
    repo.run("branch", WORK_BRANCH, old_tip)
    message = f"latest on the versions in force on {today.isoformat()}: " + ", ".join(
        f"{move.site} {move.new}" for move in moves)
    try:
        try:
            with git_utils.Commit(WORK_BRANCH, message) as commit:
                commit.delete_files([f"{move.site}/{LATEST}" for move in moves])
                for file in files:
                    commit.add_file(file)
        except git_utils.GitError as error:
            raise ProtocolError(
                f"moving latest failed: {error}", fix=f"nothing changed ({BRANCH} is unchanged); run activate again"
            ) from None
        new_tip = repo.branch_tip(WORK_BRANCH)
        if new_tip is None:
            raise ProtocolError(f"the work branch {WORK_BRANCH} vanished", fix="run activate again")
        repo.set_branch(BRANCH, new_tip, old_tip)
    finally:
        repo.delete_branch(WORK_BRANCH)
