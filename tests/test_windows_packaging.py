"""What the Windows and Debian packaging promise, checked quickly: the Qt range Windows gets, the wheels a Windows
install needs (markers judged as Windows would), and the installer's its promises about the data.

The slow checks run the real thing: packaging/windows/check.sh (in CI), installer-check.sh and packaging/deb/check.sh.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NSIS = (ROOT / "packaging" / "windows" / "installer.nsi").read_text(encoding="utf-8")


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


wheels = load(ROOT / "packaging" / "windows" / "wheels.py")


def test_windows_gets_a_qt_that_runs_on_windows_10_1809():
    """PySide6 6.10 and later need icuuc.dll, which early Windows 10 lacks: Windows stays on 6.8-6.9."""
    qt = [r for r in wheels.app_requirements() if r.lower().startswith("pyside6-essentials")]
    assert len(qt) == 1
    spec = qt[0][len("PySide6-Essentials"):]
    from packaging.specifiers import SpecifierSet

    allowed = SpecifierSet(spec)
    assert "6.9.3" in allowed and "6.8.0" in allowed
    assert "6.10.0" not in allowed and "6.11.3" not in allowed


def test_linux_keeps_its_own_qt_range():
    from packaging.requirements import Requirement

    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    linux = {**wheels.WINDOWS, "sys_platform": "linux", "os_name": "posix", "platform_system": "Linux"}
    qt = [Requirement(d) for d in deps if d.lower().startswith("pyside6")]
    on_linux = [r for r in qt if r.marker is None or r.marker.evaluate(linux)]
    assert len(on_linux) == 1 and "6.11.3" in on_linux[0].specifier


def make_dist(site: Path, name: str, version: str, requires: list[str]) -> None:
    info = site / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    lines += [f"Requires-Dist: {r}" for r in requires]
    (info / "METADATA").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_missing_lists_what_only_windows_needs(tmp_path):
    """pip download --platform judges markers by Linux, so a Windows-only dependency is left out: found here."""
    make_dist(tmp_path, "pyinstaller", "6.22.3", ["altgraph", "pefile>=2022.5.30; sys_platform == 'win32'",
                                                   "macholib>=1.8; sys_platform == 'darwin'"])
    make_dist(tmp_path, "altgraph", "0.17.5", [])
    assert wheels.missing(tmp_path) == ["pefile>=2022.5.30"]
    make_dist(tmp_path, "pefile", "2024.8.26", [])
    assert wheels.missing(tmp_path) == []


def test_missing_lists_a_version_too_old(tmp_path):
    make_dist(tmp_path, "sqlite-utils", "4.2.1", ["click>=8.3"])
    make_dist(tmp_path, "click", "8.1.0", [])
    assert wheels.missing(tmp_path) == ["click>=8.3"]


def section(name: str) -> str:
    match = re.search(rf'^Section "{name}".*?^SectionEnd', NSIS, re.MULTILINE | re.DOTALL)
    assert match, f"no section {name}"
    return match.group(0)


def test_the_uninstaller_leaves_the_data_folder_alone():
    uninstall = section("Uninstall")
    assert "APPDATA" not in uninstall.replace("; Only the program folder: the data in %APPDATA%\\fuwushe stays", "")
    removed = re.findall(r'^\s*(?:RMDir|Delete)\b.*$', uninstall, re.MULTILINE)
    assert removed and all("$INSTDIR" in line or "$SMPROGRAMS" in line or "$DESKTOP" in line for line in removed)


def test_the_installer_is_in_chinese_with_both_shortcuts_and_says_the_data_is_kept():
    assert '!insertmacro MUI_LANGUAGE "SimpChinese"' in NSIS
    main = section("服务社工作台")
    assert 'CreateShortCut "$DESKTOP\\${APPNAME}.lnk" "$INSTDIR\\fuwushe.exe"' in main
    assert 'CreateShortCut "$SMPROGRAMS\\${APPNAME}\\${APPNAME}.lnk" "$INSTDIR\\fuwushe.exe"' in main
    assert "数据原样保留" in NSIS and "卸载程序也不会删除数据" in NSIS
    assert "AtLeastBuild} 17763" in NSIS   # Windows 10 1809, the oldest Qt 6.8 runs on

