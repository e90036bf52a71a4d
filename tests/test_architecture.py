"""The three floors hold: Qt only in app/ui, SQL only in app/db, arrows pointing down only and no import circles
(imports inside functions counted), one way to announce a change, every module says what it owns."""

from __future__ import annotations

import ast
import re
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"
SQL = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX))\b", re.I | re.S)


def modules():
    return sorted(p for p in APP.rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function; ``from a import b`` counts ``a`` and
    ``a.b`` (b may be a module)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    names = {module_name(p): p for p in modules()}
    return {name: {dep for dep in imported(path) if dep in names and dep != name} for name, path in names.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for dep in graph[node]:
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in on_stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def string_constants(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def test_qt_is_imported_only_under_app_ui():
    offenders = [str(p.relative_to(APP)) for p in modules()
                 if "ui" not in p.relative_to(APP).parts and any(m.split(".")[0] == "PySide6" for m in imported(p))]
    assert offenders == []


def test_sql_is_written_only_under_app_db():
    offenders = [str(p.relative_to(APP)) for p in modules()
                 if p.relative_to(APP).parts[0] != "db" and any(SQL.search(s) for s in string_constants(p))]
    assert offenders == []


def test_lower_floors_do_not_import_upper_ones():
    """db imports only db; the domain never the reports, the UI or the CLI; the reports never the UI or the CLI."""
    offenders = []
    for path in modules():
        parts = path.relative_to(APP).parts
        deps = {d for d in imported(path) if d.startswith("app.")}
        if parts[0] == "db":
            bad = {d for d in deps if not d.startswith(("app.db", "app.errors"))}
        elif parts[0] == "reports":
            bad = {d for d in deps if d.startswith(("app.ui", "app.cli"))}
        elif parts[0] in ("ui", "cli") or path.name == "__main__.py":  # floor 3: the window and the CLI, side by side
            bad = {d for d in deps if d.startswith("app.cli")} if parts[0] == "ui" else set()
        else:
            bad = {d for d in deps if d.startswith(("app.reports", "app.ui", "app.cli"))}
        offenders += [f"{path.relative_to(APP)} imports {d}" for d in sorted(bad)]
    assert offenders == []


def test_no_import_circles():
    assert cycles(import_graph()) == []


def test_the_circle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_changes_are_announced_in_one_place():
    """No page or dialog emits a change notice by hand: writes go through app.ui.write (or a BackgroundJob), which
    announce the typed value the audited write path recorded."""
    emitters = []
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "bus" and path.name != "signals.py":
                emitters.append(f"{path.relative_to(APP)}:{node.lineno}")
    assert emitters == []


def test_every_table_belongs_to_a_register(fresh_db):
    from app.db.changes import TABLE_REGISTER

    assert set(TABLE_REGISTER) == set(fresh_db.table_names()) - {"audit_log"}


def test_every_module_has_a_docstring():
    missing = [str(p.relative_to(APP)) for p in modules()
               if p.name != "__init__.py" and not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert missing == []


def test_no_translated_string_hides_inside_an_f_string():
    """lupdate cannot see tr() calls inside f-string braces: those strings would stay English."""
    hidden = []
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "attr", getattr(inner.func, "id", "")) in (
                            "tr", "translate"):
                        hidden.append(f"{path.relative_to(APP)}:{inner.lineno}")
    assert hidden == []
