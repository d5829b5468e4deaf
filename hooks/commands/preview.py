"""``cvo-protocol preview``: build the sites a change affects, for a pull request's artifact."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cvo_protocol.build.fastbuild import build_all, build_sites
from cvo_protocol.build.sitebuild import replace_folder
from cvo_protocol.core.addresses import CVO_WIDE
from cvo_protocol.core.affected import affected_sites, preview_name
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.project import Project


@dataclass(frozen=True)
class Preview:
    """What a preview built: its sites, and the artifact's name (empty when nothing was built)."""

    sites: list[str]
    name: str


def changed_paths(project: Project, since: str) -> list[str]:
    """The paths that differ between ``since`` and ``HEAD`` (renamed files: both names)."""
    from cvo_protocol.publishing.gitrepo import GitRepo  # here: git is only for previews and publishing

    try:
        output = GitRepo(project.root).run("diff", "--name-only", "--no-renames", "-z", since, "HEAD")
    except ProtocolError as error:
        raise ProtocolError(
            f"cannot compare HEAD with '{since}': {error.problem}",
            fix="name a commit of this clone, e.g. HEAD^1 (in a workflow: actions/checkout with fetch-depth: 2)",
        ) from None
    return [path for path in output.split("\0") if path]


def build_preview(project: Project, changed: list[str], site_root: Path) -> Preview:
    """Build every site ``changed`` affects into ``site_root/<site>/`` (replaced as a whole)."""
    slugs = project.slugs()
    sites = affected_sites(changed, slugs)
    if not sites:
        return Preview([], "")
    if CVO_WIDE in sites:
        build_all(project, site_root)
    else:
        site_root = site_root.resolve()
        site_root.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{site_root.name}.building-", dir=site_root.parent))
        try:
            build_sites(project, sites, staging)
            replace_folder(staging, site_root)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return Preview(sites, preview_name(sites, slugs))
