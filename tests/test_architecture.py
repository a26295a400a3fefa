"""The package's shape: no import cycle (imports inside functions included), no MkDocs
in the data layer, every page family registered once with its template beside it, and
one static server for the tests and benchmarks."""

from __future__ import annotations

import ast
from pathlib import Path

from plansite.registry import FAMILIES

PACKAGE = Path(__file__).resolve().parent.parent / "plansite"
SERVER = Path(__file__).resolve().parent / "toolkit" / "server.py"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, modules: set[str]) -> set[str]:
    """The plansite modules ``path`` imports, wherever the import statement stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # "from plansite import routes" imports the module plansite.routes.
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name in modules}


def graph() -> dict[str, set[str]]:
    files = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: imports(path, set(files)) - {name} for name, path in files.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_package_has_no_import_cycle() -> None:
    cycle = find_cycle(graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_data_layer_imports_nothing_from_mkdocs() -> None:
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names.append(node.module)
            assert not any(name.split(".")[0] in {"mkdocs", "material", "mkdocs_macros"} for name in names), path


def test_the_tests_and_benchmarks_serve_sites_with_the_toolkits_server_alone() -> None:
    """One HTTP server answers like GitHub Pages (tests/toolkit/server.py): no second
    handler in tests/ or bench/ that might answer otherwise."""
    scripts = [path for folder in ("tests", "bench") for path in sorted((PACKAGE.parent / folder).glob("**/*.py"))]
    assert SERVER in scripts
    for path in scripts:
        if path == SERVER or "node_modules" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        if "server" not in source:
            continue
        tree = ast.parse(source)
        names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert not names & {"http.server", "socketserver", "wsgiref.simple_server"}, f"{path}: serve with toolkit.server.serve"


def test_every_family_has_its_template_beside_it_and_a_module_of_its_own() -> None:
    families = PACKAGE / "families"
    for kind, family in FAMILIES.items():
        assert family.kind == kind
        assert (families / family.template).is_file(), family.template
        assert family.context.__module__ == f"plansite.families.{kind}"
    templates = {path.name for path in families.glob("*.md.j2")}
    assert templates == {family.template for family in FAMILIES.values()}, "a template without a family, or the reverse"
