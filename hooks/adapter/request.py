"""What a build was asked for: which school, and, when publishing, the `Publication`.

The build and publishing layers call MkDocs' ``build()`` in this process (or
in a worker forked from it); they say what to build with `building_school`
and `publishing`, and the hooks read it with `current_request`. Context
variables, not the environment: the values are typed, and they end with the
``with`` block. A plain ``mkdocs build`` or ``mkdocs serve`` names the school
in the environment variable ``CVO_SCHOOL`` instead (unset: the CVO-wide site).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from cvo_protocol.core.release import Publication

SCHOOL_ENV = "CVO_SCHOOL"
# The school of the build under way; the empty string is the CVO-wide site.
_school: ContextVar[str | None] = ContextVar("cvo_school", default=None)
_publication: ContextVar[Publication | None] = ContextVar("cvo_publication", default=None)


@dataclass(frozen=True)
class SiteRequest:
    """One site to build: the school (``None``: CVO-wide) and, if publishing, the publication."""

    school: str | None
    publication: Publication | None


def current_request() -> SiteRequest:
    """The site this build is for: set by `building_school`, else ``$CVO_SCHOOL``."""
    school = _school.get()
    if school is None:
        school = os.environ.get(SCHOOL_ENV, "")
    return SiteRequest(school=school.strip() or None, publication=_publication.get())


@contextlib.contextmanager
def building_school(slug: str | None) -> Iterator[None]:
    """Builds inside the block are of ``slug``'s site (``None``: the CVO-wide site)."""
    token = _school.set(slug or "")
    try:
        yield
    finally:
        _school.reset(token)


@contextlib.contextmanager
def publishing(publication: Publication) -> Iterator[None]:
    """Builds inside the block are for publishing ``publication``."""
    token = _publication.set(publication)
    try:
        yield
    finally:
        _publication.reset(token)
