"""Compiled Jinja templates kept in memory for one `build --all` or `serve` run, through MkDocs' ``on_env``.

Compiling Material's templates takes about half of a lone site's build.
During a run, `compiled_templates_kept()` holds one `MemoryBytecodeCache`; the
adapter's ``on_env`` hook hands it to each build's Jinja environment with
`install`. Outside such a run `install` does nothing, so a plain ``mkdocs
build`` or ``cvo-protocol build`` compiles as usual and nothing outlives the
run. Jinja stores each template's source checksum with its code and
recompiles a template whose source changed, so an edited template shows at
once.

Worker processes forked during the run inherit the cache and its code.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from types import CodeType

import jinja2
from jinja2.bccache import Bucket


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in memory, checked against the source's checksum.

    It keeps the code objects themselves (immutable, usable by any number of
    environments), so a new build does not even unmarshal them.
    """

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        entry = self._code.get(bucket.key)
        if entry is not None and entry[0] == bucket.checksum:
            bucket.code = entry[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)


_active: MemoryBytecodeCache | None = None


@contextlib.contextmanager
def compiled_templates_kept() -> Iterator[None]:
    """Keep compiled templates across the builds of this block (one run)."""
    global _active
    previous, _active = _active, MemoryBytecodeCache()
    try:
        yield
    finally:
        _active = previous


def install(env: jinja2.Environment) -> None:
    """Give ``env`` the run's compiled templates (from MkDocs' ``on_env``); no run under way: nothing."""
    if _active is not None:
        env.bytecode_cache = _active
