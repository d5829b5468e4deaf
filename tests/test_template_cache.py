"""Compiled templates kept in memory for one run, handed to Jinja through MkDocs' ``on_env``."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import jinja2
import pytest

from cvo_protocol.build import templatecache
from cvo_protocol.build.fastbuild import build_sites
from cvo_protocol.core.project import Project


def test_templates_are_kept_only_during_a_run() -> None:
    env = jinja2.Environment()
    templatecache.install(env)
    assert env.bytecode_cache is None
    with templatecache.compiled_templates_kept():
        templatecache.install(env)
        kept = env.bytecode_cache
        assert isinstance(kept, templatecache.MemoryBytecodeCache)
    fresh = jinja2.Environment()
    templatecache.install(fresh)
    assert fresh.bytecode_cache is None


def test_a_changed_template_is_compiled_again() -> None:
    sources = {"page.html": "one"}
    with templatecache.compiled_templates_kept():
        for expected in ("one", "two"):
            env = jinja2.Environment(loader=jinja2.DictLoader(sources))
            templatecache.install(env)
            assert env.get_template("page.html").render() == expected
            sources["page.html"] = "two"


def test_a_run_compiles_each_template_of_the_build_once(project: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The adapter's on_env hands every build of the run the same compiled templates."""
    compiled: Counter[str | None] = Counter()
    compile_template = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kwargs: object):
        compiled[name] += 1
        return compile_template(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build_sites(Project.find(project), [None, "voorbeeld-de-linde", "voorbeeld-het-baken"], tmp_path / "sites",
                workers=1)
    assert compiled["main.html"] == compiled["partials/header.html"] == 1
