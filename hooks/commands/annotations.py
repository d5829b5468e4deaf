"""Problems as GitHub workflow commands: ``::error file=…,line=…,title=…::…``.

A workflow step that prints these lines makes GitHub show each problem on the
pull request's diff, at its file and line. The escaping is GitHub's own
(``@actions/core``, ``command.ts``): in the message ``%``, CR and LF; in a
property also ``:`` and ``,``, which would otherwise end it.
"""

from __future__ import annotations

from pathlib import Path

from cvo_protocol.core.errors import ProtocolError

TITLE = "cvo-protocol check"


def escape_data(text: str) -> str:
    """The message of a workflow command, escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property's value (``file=``, ``title=``), escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def error_annotation(error: ProtocolError, root: Path, title: str = TITLE) -> str:
    """One ``::error`` line for ``error``, its file relative to the repository ``root``."""
    properties = []
    if error.file:
        properties.append(f"file={escape_property(repository_path(error.file, root))}")
        if error.line is not None:
            properties.append(f"line={error.line}")
    properties.append(f"title={escape_property(title)}")
    message = error.problem + (f"\nfix: {error.fix}" if error.fix else "")
    return f"::error {','.join(properties)}::{escape_data(message)}"


def repository_path(file: str, root: Path) -> str:
    """``file`` (as `ProtocolError` shows it: relative to the working folder) relative to ``root``, with ``/``."""
    path = Path(file)
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()
