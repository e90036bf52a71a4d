"""Refresh the translation files: collect the UI's strings into the .ts files, then build the .qm files.

Run after changing strings in ``app/ui``: ``python tools/i18n.py``. Translate new entries in
``resources/i18n/app_zh_CN.ts`` (Qt Linguist, or any editor), then run it again to rebuild the .qm; or give
the translations as a JSON object of source text to Chinese: ``python tools/i18n.py --fill new.json``.
It prints the sources still untranslated. Runs are serialised by a lock file, so two people (or scripts)
filling at once do not overwrite each other's translations.
A test fails while any entry is untranslated or a .qm is older than its .ts.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
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


def fill(translations: dict[str, str]) -> list[str]:
    """Fill unfinished entries whose source is in ``translations``; returns the sources still unfinished."""
    left = []
    for language in LANGUAGES:
        ts = ROOT / "resources" / "i18n" / f"app_{language}.ts"
        tree = ET.parse(ts)
        for message in tree.iter("message"):
            source, translation = message.find("source"), message.find("translation")
            if translation is None or translation.get("type") != "unfinished":
                continue
            if source.text in translations:
                forms = translation.findall("numerusform")
                for target in forms or [translation]:  # a "%n …" entry holds its text in numerus forms
                    target.text = translations[source.text]
                del translation.attrib["type"]
            else:
                left.append(source.text)
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return left


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill", type=Path, help="JSON object: source text → translation")
    args = parser.parse_args()
    with open(Path(tempfile.gettempdir()) / "fuwushe-i18n.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        update()
        left = fill(json.loads(args.fill.read_text(encoding="utf-8")) if args.fill else {})
        update()  # lupdate writes the file back in its own layout
        release()
    for source in left:
        print(f"untranslated: {source}")


if __name__ == "__main__":
    main()
