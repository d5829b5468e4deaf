"""Build one site strictly and atomically with MkDocs' own API (many at once: `fastbuild`).

A site is built into a temporary folder beside its destination and moved into
place only when the whole build succeeded, so a failed build never leaves a
half-written site behind.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from cvo_protocol.core import overlay
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.adapter.request import building_school
from cvo_protocol.core.addresses import CVO_WIDE
from cvo_protocol.core.project import Project


def build_site(project: Project, slug: str | None, site_dir: Path) -> None:
    """Build the site of one school (or the CVO-wide site for ``None``) into ``site_dir``.

    Raises `ProtocolError` on invalid input or a failed strict build; ``site_dir``
    is then left exactly as it was.
    """
    if slug is not None:
        # Through the module: `build --all` keeps loaded overlays for its run (see `fastbuild`).
        overlay.load_overlay(project.overlays, slug)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        with building_school(slug):
            config = load_config(str(project.config_file), site_dir=str(staging), strict=True)
            build(config)
        replace_folder(staging, site_dir)
    except (Abort, ConfigurationError, MkDocsException) as error:
        raise ProtocolError(
            f"the {slug or CVO_WIDE} site did not build: {_abort_message(error)}",
            file=project.config_file if isinstance(error, ConfigurationError) else None,
            fix="read the warnings above; every warning fails a strict build",
        ) from None
    except RecursionError:
        # `cvo-protocol check` refuses files nested this deep; this is the last line of defence.
        raise ProtocolError(
            f"the {slug or CVO_WIDE} site did not build: a page is nested too deeply to render",
            file=project.overlays / slug if slug else project.docs,
            fix="nest lists and quotes less deeply in the files of this folder",
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def replace_folder(new: Path, destination: Path) -> None:
    """Put ``new`` at ``destination``, replacing what was there in one rename."""
    if destination.exists():
        old = destination.with_name(f".{destination.name}.old-{os.getpid()}")
        destination.rename(old)
        new.rename(destination)
        shutil.rmtree(old, ignore_errors=True)
    else:
        new.rename(destination)


def _abort_message(error: Exception) -> str:
    message = str(error)
    return message.removeprefix("Aborted with ").rstrip("!") if message.startswith("Aborted") else message


def quiet_mkdocs_info() -> None:
    """Show MkDocs' warnings and errors, not its progress lines."""
    show_mkdocs_log(logging.WARNING)


def show_mkdocs_log(level: int) -> None:
    """Print MkDocs' log from ``level`` up, as ``mkdocs`` itself does."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level)
