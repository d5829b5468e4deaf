"""``cvo-protocol codeowners``: ``.github/CODEOWNERS`` for the project as it is now."""

from __future__ import annotations

from cvo_protocol.core.overlay import load_overlay
from cvo_protocol.core.owners import codeowners_text, read_policy_office
from cvo_protocol.core.project import Project


def project_codeowners(project: Project) -> str:
    """The CODEOWNERS text: ``owners.yml``'s policy office and every overlay's maintainers (all validated)."""
    policy_office = read_policy_office(project.root)
    languages = project.languages()
    maintainers = {slug: load_overlay(project.overlays, slug, languages).maintainers for slug in project.slugs()}
    return codeowners_text(policy_office, maintainers)
