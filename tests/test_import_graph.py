"""The package's imports, read from the source: no cycle, and the core never reaches MkDocs."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

PACKAGE = "cvo_protocol"
SOURCE = Path(__file__).resolve().parent.parent / "hooks"  # installed as cvo_protocol


def module_files() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its ``__init__``)."""
    modules = {}
    for path in SOURCE.rglob("*.py"):
        parts = path.relative_to(SOURCE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join((PACKAGE, *parts))] = path
    return modules


def imported_names(module: str, path: Path) -> set[str]:
    """Every name ``module`` imports, anywhere in it (a lazy import inside a function counts)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            names.add(base)
            # `from package import module` imports that module too.
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def import_graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The package's modules → the package modules they import, and → the other names they import."""
    modules = module_files()
    internal: dict[str, set[str]] = {}
    external: dict[str, set[str]] = {}
    for module, path in modules.items():
        names = imported_names(module, path)
        targets = set()
        for name in names:
            if name == PACKAGE or name.startswith(PACKAGE + "."):
                # Importing a.b.c runs a/__init__ and a/b/__init__ as well.
                parts = name.split(".")
                targets.update(".".join(parts[:i]) for i in range(1, len(parts) + 1) if ".".join(parts[:i]) in modules)
        internal[module] = targets - {module}
        external[module] = {n for n in names if not (n == PACKAGE or n.startswith(PACKAGE + "."))}
    return internal, external


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first = last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)) is not None:
            return cycle
    return None


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, queue = {start}, [start]
    while queue:
        for target in graph.get(queue.pop(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def is_mkdocs(name: str) -> bool:
    top = name.split(".")[0]
    return top == "mkdocs" or top.startswith("mkdocs_")


def test_the_graph_is_read_from_the_real_tree() -> None:
    internal, external = import_graph()
    assert len(internal) > 30
    assert "cvo_protocol.core.overlay" in internal["cvo_protocol.build.sitebuild"]
    assert "mkdocs" in {name.split(".")[0] for name in external["cvo_protocol.build.sitebuild"]}


def test_the_finder_sees_lazy_and_relative_imports(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from cvo_protocol.build import fastbuild\n    from . import sitebuild\n")
    assert {"cvo_protocol.build.fastbuild", "cvo_protocol.build.sitebuild"} <= imported_names(
        "cvo_protocol.build.m", source)
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_no_import_cycle_in_the_package() -> None:
    internal, _ = import_graph()
    cycle = find_cycle(internal)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_core_never_imports_mkdocs_not_even_through_other_modules() -> None:
    internal, external = import_graph()
    core = [module for module in internal if module.startswith("cvo_protocol.core.")]
    assert core
    for module in core:
        for reached in reachable(internal, module):
            found = sorted(name for name in external[reached] if is_mkdocs(name))
            assert not found, f"{module} reaches {found} through {reached}"


def test_importing_every_core_module_loads_no_mkdocs() -> None:
    """The same at run time, third-party imports included."""
    core = sorted(module for module in module_files() if module.startswith("cvo_protocol.core."))
    script = "import sys\n" + "".join(f"import {module}\n" for module in core) + (
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs' or m.startswith('mkdocs_')))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.stdout.strip() == "[]"
