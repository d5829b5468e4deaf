"""Store identical files of a built tree once: hard links, found by content hash."""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from pathlib import Path


def link_identical_files(root: Path) -> int:
    """Replace every file under ``root`` whose bytes equal an earlier one's by a hard link to it.

    Returns the number of files replaced. Files already sharing an inode are
    read once.
    """
    by_size: dict[int, list[Path]] = defaultdict(list)
    seen_inodes: set[tuple[int, int]] = set()
    for path in sorted(_files(root)):
        status = path.lstat()
        inode = (status.st_dev, status.st_ino)
        if inode in seen_inodes:
            continue
        seen_inodes.add(inode)
        by_size[status.st_size].append(path)
    replaced = 0
    for paths in by_size.values():
        if len(paths) < 2:
            continue
        first_by_hash: dict[bytes, Path] = {}
        for path in paths:
            digest = hashlib.sha256(path.read_bytes()).digest()
            first = first_by_hash.setdefault(digest, path)
            if first is not path:
                temporary = path.with_name(f".{path.name}.link-{os.getpid()}")
                os.link(first, temporary)
                os.replace(temporary, path)
                replaced += 1
    return replaced


def disk_usage(root: Path) -> int:
    """Bytes of the files under ``root``, each inode counted once."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for path in _files(root):
        status = path.lstat()
        if (status.st_dev, status.st_ino) not in seen:
            seen.add((status.st_dev, status.st_ino))
            total += status.st_size
    return total


def _files(root: Path) -> list[Path]:
    return [Path(folder, name) for folder, _, names in os.walk(root) for name in names
            if not os.path.islink(os.path.join(folder, name))]
