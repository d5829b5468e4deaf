"""``publish --dry-run``: what a publish would do, with ``gh-pages`` untouched.

The same `stage` as a publish (every site built with the release's address and
dates, the id check against each site's previous version), then the PDFs
printed into the temporary folder, then nothing: no branch is written, no ref
moves. Per site it tells the rules added, removed and reworded, judged on the
official text (the default language's ``protocol.json``, the one 'what
changed' compares), and the ids the release would drop.
"""

from __future__ import annotations

import datetime
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cvo_protocol.core.addresses import PROTOCOL_JSON
from cvo_protocol.core.changes import Changes, site_changes
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.project import Project
from cvo_protocol.core.release import Release
from cvo_protocol.publishing.gitrepo import GitRepo
from cvo_protocol.publishing.pdf import write_pdfs
from cvo_protocol.publishing.publish import stage, working_directory


@dataclass(frozen=True)
class SitePreview:
    """One site of a dry run."""

    site: str
    previous: str | None  # the version compared with (None: the site's first version)
    changes: Changes | None  # None for a first version
    dropped: list[str]


@dataclass(frozen=True)
class Preview:
    """A whole dry run: would the publish succeed, and what would it change."""

    coming: bool
    sites: list[SitePreview]
    pdf_error: ProtocolError | None

    @property
    def would_succeed(self) -> bool:
        return self.pdf_error is None and not any(site.dropped for site in self.sites)


def dry_run(
    project: Project, release: Release, *, site_url: str, today: datetime.date, school: str | None = None
) -> Preview:
    """Build and check ``release`` as `publish` would, print its PDFs, and deploy nothing."""
    repo = GitRepo(project.root)
    languages = project.languages()
    default = languages.default
    with working_directory(project.root), tempfile.TemporaryDirectory() as temporary:
        staged = stage(repo, project, release, site_url=site_url, today=today, school=school, folder=Path(temporary))
        sites = []
        for site in staged.sites:
            # Judged on the official text: only the default language's documents are compared.
            previous = staged.publication.previous_protocols(site)
            changes = None
            if default in previous:
                path = staged.sites_dir / site / languages.folder(default) / PROTOCOL_JSON
                current = json.loads(path.read_text(encoding="utf-8"))
                changes = site_changes({default: previous[default]}, {default: current}, default)[default]
            dropped = [problem for problem in staged.dropped if problem.startswith(f"{site}/")]
            sites.append(SitePreview(site, staged.previous.get(site), changes, dropped))
        pdf_error = None
        if not staged.dropped:  # a refused release is not printed: the publish would stop before
            try:
                write_pdfs(staged.sites_dir, staged.sites, release.version, languages.all)
            except ProtocolError as error:
                pdf_error = error
    return Preview(staged.publication.coming, sites, pdf_error)
