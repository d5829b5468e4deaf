"""Publishing: every site of one version to ``gh-pages`` with mike, all or nothing.

1. Build every site (the CVO-wide one and each school's; for a school's
   revision only that school's) with the release's address and dates; stop
   at the first problem, nothing deployed.
2. Refuse ids that the previous published version had and this one drops
   (unless ``permalinks.yml`` maps them).
3. Deploy each site with mike (deploy prefix = the school's slug) onto a work
   branch that starts at ``gh-pages``, then the portal and 404 pages (a
   school's revision writes only that school's feed).
4. Move ``gh-pages`` to the result in one atomic ref update. A failure or an
   interruption before that leaves ``gh-pages`` exactly where it was.

A release that takes effect after ``today`` is published as coming: ``latest``
stays on the version in force until `activate` (``publishing/activate.py``)
moves it. Steps 1 and 2 are `stage`, which the dry run (``dryrun.py``) shares.
Each step reads only the previous version of each site, never older ones, so
the cost of a publish grows with the number of sites, not with the number of
versions already published.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mike import commands as mike_commands
from mike import git_utils
from mike.versions import Versions

from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.publishing.feeds import FeedEntry, atom_feed
from cvo_protocol.publishing.gitrepo import GitRepo
from cvo_protocol.core.overlay import load_overlay
from cvo_protocol.publishing.pdf import write_pdfs
from cvo_protocol.core.permalinks import dropped_ids, page_ids, site_ids
from cvo_protocol.publishing.portal import portal_files
from cvo_protocol.adapter.request import publishing
from cvo_protocol.core import addresses
from cvo_protocol.core.addresses import CVO_WIDE, FEED, LATEST, protocol_json_path
from cvo_protocol.core.languages import Languages
from cvo_protocol.core.project import Project, site_names
from cvo_protocol.core.release import Publication, Release, is_revision, version_key
from cvo_protocol.build.fastbuild import build_all, build_sites

BRANCH = "gh-pages"
LOCK = "cvo-publish.lock"


@dataclass(frozen=True)
class Published:
    """What one publish did."""

    release: Release
    sites: list[str]
    commit: str
    # Whether the release takes effect later: then ``latest`` stayed where it was.
    coming: bool
    # The aliases deployed with it (``latest`` left out when it is coming).
    aliases: list[str]


@dataclass(frozen=True)
class Staged:
    """A release built and checked in a temporary folder, not yet deployed."""

    publication: Publication
    sites: list[str]
    sites_dir: Path
    # site -> the version this one is compared with (what changed, the id check)
    previous: dict[str, str]
    # "<site>/<version>/<page>#<id> (was in <previous>)" for every id this release drops
    dropped: list[str]


def publish(
    project: Project,
    release: Release,
    *,
    aliases: list[str],
    site_url: str,
    today: datetime.date,
    school: str | None = None,
    push: bool = False,
    remote: str = "origin",
) -> Published:
    """Build, check and deploy every site of ``release`` (or ``school``'s only); see the module docstring."""
    repo = GitRepo(project.root)
    with repo.lock(LOCK), working_directory(project.root), tempfile.TemporaryDirectory() as temporary:
        staged = stage(repo, project, release, site_url=site_url, today=today, school=school, folder=Path(temporary))
        if staged.dropped:
            raise dropped_ids_error(staged.dropped)
        sites, sites_dir = staged.sites, staged.sites_dir
        write_pdfs(sites_dir, sites, release.version, project.languages().all)
        coming = staged.publication.coming
        # A coming version is published beside the one in force: `activate` moves latest on its date.
        deployed_aliases = [alias for alias in aliases if not (coming and alias == LATEST)]
        properties = [("effective", release.effective.isoformat()), ("published", today.isoformat())]
        old_tip = repo.branch_tip(BRANCH)
        work_branch = f"cvo-publish/{release.version}"
        repo.delete_branch(work_branch)
        if old_tip:
            repo.run("branch", work_branch, old_tip)
        try:
            for site in sites:
                _deploy_site(sites_dir / site, site, release, deployed_aliases, properties, work_branch)
            _commit_portal(project, sites, site_url, release, work_branch, portal=school is None)
            new_tip = repo.branch_tip(work_branch)
            if new_tip is None:
                raise ProtocolError(
                    f"the work branch {work_branch} vanished while publishing",
                    fix=f"nothing was published ({BRANCH} is unchanged); publish again",
                )
            repo.set_branch(BRANCH, new_tip, old_tip)
        finally:
            repo.delete_branch(work_branch)
    if push:
        repo.run("push", remote, f"refs/heads/{BRANCH}:refs/heads/{BRANCH}")
    return Published(release=release, sites=sites, commit=new_tip, coming=coming, aliases=deployed_aliases)


def stage(
    repo: GitRepo,
    project: Project,
    release: Release,
    *,
    site_url: str,
    today: datetime.date,
    school: str | None,
    folder: Path,
) -> Staged:
    """Build the sites of ``release`` into ``folder`` and run the id check; nothing is deployed.

    Needs the repository as the current directory (mike reads ``gh-pages`` there).
    """
    sites = [CVO_WIDE, *project.slugs()] if school is None else [school]
    if school is not None:
        check_school_revision(project, release, school)
    # Each site's versions.json, read once (mike reads it with three git processes).
    published = {site: mike_commands.list_versions(BRANCH, site) for site in sites} if repo.branch_tip(BRANCH) else {}
    if school is not None:
        check_revision_is_newest(release, school, published.get(school, Versions()))
    previous = previous_versions(release, published)
    check_effective_order(release, previous, published)
    publication = Publication(release, site_url, _previous_protocols(repo, previous, project.languages()), today)
    sites_dir = folder / "sites"
    with publishing(publication):
        if school is None:
            build_all(project, sites_dir)
        else:
            build_sites(project, [school], sites_dir)
    dropped = permalink_problems(repo, release, previous, sites_dir)
    return Staged(publication, sites, sites_dir, previous, dropped)


def check_effective_order(release: Release, previous: dict[str, str], published: dict[str, Versions]) -> None:
    """Versions take effect in the order of their names, so that `activate` can pick the newest in force."""
    for site, version in previous.items():
        info = published[site][version]
        earlier = (info.properties or {}).get("effective", "")
        if earlier > release.effective.isoformat():
            raise ProtocolError(
                f"{release.version} would take effect on {release.effective}, before {site}'s {version} "
                f"(effective {earlier}), which it follows",
                fix=f"give {release.version} an effective date on or after {earlier}; nothing was published",
            )


def check_school_revision(project: Project, release: Release, school: str) -> None:
    """A school's own release: a revision ``YYYY.MM-N`` of an existing school (see also `check_revision_is_newest`)."""
    if school == CVO_WIDE:
        raise ProtocolError(
            "--school cvo: the CVO-wide site changes only with a version of the board",
            fix="publish the board's version for every school: leave out --school",
        )
    load_overlay(project.overlays, school)  # an unknown school or a broken overlay stops here
    if not is_revision(release.version):
        raise ProtocolError(
            f"'{release.version}' names a version of the board, not a revision of one school",
            fix=f"name a school's revision after the board's version it revises, with -N: "
            f"e.g. {release.version}-1 (sorts after {release.version} and before the board's next version)",
        )


def check_revision_is_newest(release: Release, school: str, versions: Versions) -> None:
    """A school's revision comes after the school's newest published version (``versions``)."""
    newer = [str(info.version) for info in versions if version_key(str(info.version)) > version_key(release.version)]
    if newer:
        raise ProtocolError(
            f"{school} already has a later version ({', '.join(newer)}) than {release.version}",
            fix=f"name the revision after {newer[0]}, e.g. {newer[0].split('-')[0]}-N with the next free N",
        )


def published_versions(project: Project, site: str) -> Versions:
    """The versions of one site on ``gh-pages`` (mike's ``versions.json``)."""
    with working_directory(project.root):
        return mike_commands.list_versions(BRANCH, site)


def published_sites(project: Project) -> list[str]:
    """Every deploy prefix on ``gh-pages`` that has a ``versions.json``."""
    repo = GitRepo(project.root)
    if not repo.branch_tip(BRANCH):
        return []
    names = repo.run("ls-tree", "--name-only", BRANCH).splitlines()
    return [name for name in names if repo.run("ls-tree", "--name-only", BRANCH, f"{name}/versions.json")]


def previous_versions(release: Release, published: dict[str, Versions]) -> dict[str, str]:
    """For each site with an earlier published version: the newest one that sorts before ``release``."""
    found = {site: _previous_version(versions, release.version) for site, versions in published.items()}
    return {site: version for site, version in found.items() if version is not None}


def permalink_problems(repo: GitRepo, release: Release, previous: dict[str, str], sites_dir: Path) -> list[str]:
    """Every id that the previous published version of a site had and this release drops."""
    problems = []
    for site, version in previous.items():
        folder = f"{site}/{version}"
        old = {
            path[len(folder) + 1 :]: page_ids(repo.read(BRANCH, path))
            for path in repo.files_under(BRANCH, folder)
            if path.endswith(".html") and not path.endswith("404.html")
        }
        lost = dropped_ids(old, site_ids(sites_dir / site))
        problems += [f"{site}/{release.version}/{anchor} (was in {version})" for anchor in lost]
    return problems


def dropped_ids_error(problems: list[str]) -> ProtocolError:
    """The refusal of a release that drops ids (see `permalink_problems`)."""
    listing = "\n  ".join(problems[:20]) + ("\n  …" if len(problems) > 20 else "")
    return ProtocolError(
        f"this version drops ids that links may point to:\n  {listing}",
        fix="keep the ids, or map each old id to its new id in permalinks.yml ('old-id: new-id')",
    )


def _previous_protocols(
    repo: GitRepo, previous: dict[str, str], languages: Languages
) -> dict[str, dict[str, dict[str, object]]]:
    """The previous version's ``protocol.json`` of every site per language, for 'what changed'."""
    documents: dict[str, dict[str, dict[str, object]]] = {}
    for site, version in previous.items():
        for language in languages.all:
            path = protocol_json_path(site, version, language, languages.default)
            if repo.has_file(BRANCH, path):
                documents.setdefault(site, {})[language] = json.loads(repo.read(BRANCH, path))
    return documents


def _previous_version(versions: Versions, version: str) -> str | None:
    """The newest of a site's ``versions`` that sorts before ``version`` (a coming or later one is not 'previous')."""
    earlier = [str(info.version) for info in versions if version_key(str(info.version)) < version_key(version)]
    return max(earlier, key=version_key, default=None)


def _deploy_site(
    site_dir: Path, site: str, release: Release, aliases: list[str], properties: list[tuple[str, str]], branch: str
) -> None:
    config = {"site_dir": str(site_dir), "use_directory_urls": True}
    try:
        with mike_commands.deploy(
            config,
            release.version,
            release.title,
            aliases,
            update_aliases=True,
            branch=branch,
            deploy_prefix=site,
            set_props=properties,
        ):
            pass  # the site is already built
    except (git_utils.GitError, ValueError, OSError) as error:
        raise ProtocolError(
            f"deploying the {site} site failed: {error}",
            fix=f"nothing was published ({BRANCH} is unchanged); fix the cause and publish again",
        ) from None


def _commit_portal(
    project: Project, sites: list[str], base_url: str, release: Release, branch: str, *, portal: bool
) -> None:
    """The feeds of ``sites``; with ``portal`` also the portal and 404 pages (a school's revision leaves them)."""
    languages = project.languages()
    overlays = {site: load_overlay(project.overlays, site) for site in sites if site != CVO_WIDE}
    message = f"{'Portal, feeds and 404 pages' if portal else 'Feed'} for {release.version}"
    files = []
    if portal:
        files += [(file.path, file.content)
                  for file in portal_files(list(overlays.values()), base_url, CVO_WIDE, languages)]
    for site in sites:
        entries = [
            FeedEntry(str(info.version), info.title, (info.properties or {}).get("effective", ""),
                      addresses.site_url(base_url, site, str(info.version)),
                      published=(info.properties or {}).get("published", ""))
            for info in mike_commands.list_versions(branch, site)
        ]
        # The feeds are named in the default language, the official one.
        title = site_names(overlays.get(site), languages)[languages.default]
        site_root = addresses.site_root_url(base_url, site)
        files.append((f"{site}/{FEED}", atom_feed(site_root + FEED, site_root, title, entries, languages.all)))
        if site == CVO_WIDE:
            feed = atom_feed(base_url + FEED, base_url, site_names(None, languages)[languages.default],
                             entries, languages.all)
            files.append((FEED, feed))
    try:
        with git_utils.Commit(branch, message) as commit:
            for path, content in files:
                commit.add_file(git_utils.FileInfo(path, content))
    except git_utils.GitEmptyCommit:
        pass  # the portal is unchanged since the last publish
    except git_utils.GitError as error:
        raise ProtocolError(
            f"writing the portal failed: {error}",
            fix=f"nothing was published ({BRANCH} is unchanged); fix the cause and publish again",
        ) from None


@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    """mike works on the repository of the current directory."""
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)
