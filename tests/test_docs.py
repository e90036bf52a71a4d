"""The Chinese user guide (docs/guide.zh.md) cannot drift silently from the app.

Its convention: every button, menu, page and field name is written in 「」 exactly as the window shows it
(a menu's mnemonic such as (&F) left out). Each such name must be a Chinese translation in
resources/i18n/app_zh_CN.ts or a Chinese string in the app's source (the kinds of visit, the demo accounts).
Every picture it shows exists, is linked from the guide, and stays small; the keys it names are the window's.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "guide.zh.md"
PICTURES = ROOT / "docs" / "guide"
MAX_PICTURE_BYTES = 200 * 1024


def plain(text: str) -> str:
    """A label as the window shows it: no mnemonic marker ("文件(&F)" → "文件"), spaces collapsed."""
    text = re.sub(r"\(&[^)]\)", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split())


def ui_names() -> set[str]:
    """Every Chinese translation, and every string constant in the app's source."""
    names: set[str] = set()
    root = ET.parse(ROOT / "resources" / "i18n" / "app_zh_CN.ts").getroot()
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None:
            continue
        forms = [form.text or "" for form in translation.iter("numerusform")] or ["".join(translation.itertext())]
        names.update(plain(form) for form in forms)
    for source in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                names.add(plain(node.value))
    return names


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def test_every_quoted_name_is_in_the_app():
    text = guide()
    quoted = set(re.findall(r"「([^」]+)」", text))
    assert len(quoted) > 50  # the convention is in use
    known = ui_names()
    missing = sorted(name for name in quoted if plain(name) not in known)
    assert missing == [], "names in 「」 that the app does not show (renamed? write the new name)"


def test_every_picture_exists_and_is_shown():
    text = guide()
    linked = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", text)
    assert len(linked) >= 10
    for link in linked:
        assert not link.startswith(("/", "http")), f"{link}: link pictures relative to docs/"
        path = (GUIDE.parent / link).resolve()
        assert path.is_file(), f"{link} is missing: python tools/guide_screenshots.py --xvfb"
        assert path.stat().st_size <= MAX_PICTURE_BYTES, f"{link} is over 200 KB"
    shown = {(GUIDE.parent / link).resolve() for link in linked}
    unused = sorted(p.name for p in PICTURES.glob("*.png") if p.resolve() not in shown)
    assert unused == [], "pictures in docs/guide that the guide does not show"


def test_every_picture_has_a_caption():
    lines = guide().splitlines()
    for number, line in enumerate(lines):
        if line.lstrip().startswith("!["):
            alt = re.match(r"\s*!\[([^\]]*)\]", line).group(1)
            caption = next((l.strip() for l in lines[number + 1:] if l.strip()), "")
            assert alt and caption.startswith("*") and caption.endswith("*"), f"line {number + 1}: caption it"


def test_the_keys_it_names_are_the_window_shortcuts():
    source = (ROOT / "app" / "ui" / "main_window.py").read_text(encoding="utf-8")
    keys = set(re.findall(r"\b(Ctrl\+(?:Shift\+)?[A-Z0-9,]|F1)\b", guide()))
    assert {"Ctrl+N", "Ctrl+F", "Ctrl+D", "Ctrl+L", "F1"} <= keys
    for key in keys:
        assert f'"{key}"' in source, f"{key} is not a shortcut of the main window"


def test_other_documents_it_links_exist_and_readme_links_it():
    for link in re.findall(r"\]\(([^)#\s]+\.md)\)", guide()):
        assert (GUIDE.parent / link).is_file(), link
    assert "docs/guide.zh.md" in (ROOT / "README.md").read_text(encoding="utf-8")
