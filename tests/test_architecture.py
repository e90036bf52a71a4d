"""The three floors hold: Qt only in app/ui, SQL only in app/db, every module says what it owns."""

from __future__ import annotations

import ast
import re
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"
SQL = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX))\b", re.I | re.S)


def modules():
    return sorted(p for p in APP.rglob("*.py"))


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


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
    for path in modules():
        parts = path.relative_to(APP).parts
        deps = imported(path)
        if parts[0] == "db":
            assert not [d for d in deps if d.startswith("app.") and not d.startswith(("app.db", "app.errors"))], path
        elif parts[0] not in ("ui", "cli") and path.name != "__main__.py":  # the CLI stands beside the UI
            assert not [d for d in deps if d.startswith("app.ui")], path


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
