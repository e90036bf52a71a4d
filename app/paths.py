"""Where the club's files live: the user's data folder, the default database, and the bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "fuwushe"
DATABASE_NAME = "club.sqlite"
DEMO_DATABASE_NAME = "demo-club.sqlite"


def data_dir(env: dict[str, str] | None = None) -> Path:
    """The per-user data folder: %APPDATA%\\fuwushe on Windows, ~/Library/Application Support/fuwushe on macOS,
    $XDG_DATA_HOME/fuwushe (default ~/.local/share/fuwushe) elsewhere. FUWUSHE_DATA_DIR overrides it."""
    env = os.environ if env is None else env
    if env.get("FUWUSHE_DATA_DIR"):
        return Path(env["FUWUSHE_DATA_DIR"])
    if sys.platform == "win32" and env.get("APPDATA"):
        return Path(env["APPDATA"]) / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_DIR_NAME


def default_database(env: dict[str, str] | None = None) -> Path:
    return data_dir(env) / DATABASE_NAME


def demo_database(env: dict[str, str] | None = None) -> Path:
    """The practice club lives in its own file, so demo people never mix with the real ledger."""
    return data_dir(env) / DEMO_DATABASE_NAME


def resources_dir() -> Path:
    """The bundled fonts, translations and icons: inside the installed package, or beside ``app/`` in a checkout."""
    installed = Path(__file__).resolve().parent / "resources"
    if (installed / "fonts").is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "resources"


def font_file() -> Path:
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def guide_file() -> Path:
    """The user guide (使用说明, Markdown with its pictures beside it in guide/): inside the installed package, or
    docs/guide.zh.md in a checkout."""
    installed = Path(__file__).resolve().parent / "guide" / "guide.zh.md"
    if installed.is_file():
        return installed
    return Path(__file__).resolve().parent.parent / "docs" / "guide.zh.md"
