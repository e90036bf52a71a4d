"""Which wheels a Windows install of the app needs, worked out on Linux.

    python packaging/windows/wheels.py requirements            the app's dependencies as Windows sees them
    python packaging/windows/wheels.py missing SITE_PACKAGES   what the packages installed there still lack

``pip download --platform win_amd64`` picks Windows wheels but judges environment markers by the machine it
runs on: a dependency marked ``sys_platform == 'win32'`` (the app's Qt range for Windows, PyInstaller's pefile,
click's colorama) is left out, and the Linux-only ones are taken. Both commands here judge the markers as a
64-bit Windows with Python 3.11 would; the setup downloads what ``missing`` lists until it lists nothing.
"""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent.parent
WINDOWS = {
    "os_name": "nt", "sys_platform": "win32", "platform_system": "Windows", "platform_machine": "AMD64",
    "platform_release": "10", "platform_version": "10.0.19045", "python_version": "3.11",
    "python_full_version": "3.11.9", "implementation_name": "cpython", "implementation_version": "3.11.9",
    "platform_python_implementation": "CPython", "extra": "",
}


def applies(requirement: Requirement, extras: frozenset[str] = frozenset()) -> bool:
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({**WINDOWS, "extra": extra}) for extra in ("", *extras))


def app_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needed = [Requirement(text) for text in project["dependencies"]]
    return [f"{r.name}{r.specifier}" for r in needed if applies(r)]


def missing(site_packages: Path) -> list[str]:
    installed = {canonicalize_name(dist.metadata["Name"]): dist
                 for dist in metadata.distributions(path=[str(site_packages)])}
    lacking: dict[str, Requirement] = {}
    for dist in installed.values():
        for text in dist.requires or ():
            requirement = Requirement(text)
            if not applies(requirement):
                continue
            have = installed.get(canonicalize_name(requirement.name))
            if have is None or not requirement.specifier.contains(have.version, prereleases=True):
                lacking[canonicalize_name(requirement.name)] = requirement
    return [f"{r.name}{r.specifier}" for r in lacking.values()]


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "requirements":
        print("\n".join(app_requirements()))
    elif len(sys.argv) == 3 and sys.argv[1] == "missing":
        print("\n".join(missing(Path(sys.argv[2]))))
    else:
        sys.exit(__doc__)
