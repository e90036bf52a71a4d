"""Refresh the translation files: collect the UI's strings into the .ts files, then build the .qm files.

Run after changing strings in ``app/ui``: ``python tools/i18n.py``. Translate new entries in
``resources/i18n/app_zh_CN.ts`` (Qt Linguist, or any editor), then run it again to rebuild the .qm.
A test fails while any entry is untranslated or a .qm is older than its .ts.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(f"pyside6-{name}"))


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app" / "ui").rglob("*.py"))


def update() -> None:
    for language in LANGUAGES:
        ts = f"resources/i18n/app_{language}.ts"
        subprocess.run([tool("lupdate"), "-no-obsolete", "-locations", "none", "-source-language", "en",
                        "-target-language", language, *sources(), "-ts", ts], cwd=ROOT, check=True)


def release(out_dir: Path | None = None) -> list[Path]:
    built = []
    for language in LANGUAGES:
        ts = ROOT / "resources" / "i18n" / f"app_{language}.ts"
        qm = (out_dir or ts.parent) / f"app_{language}.qm"
        subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


if __name__ == "__main__":
    update()
    release()
