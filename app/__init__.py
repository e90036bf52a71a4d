"""服务社工作台: the ledgers of a Party Member Service Club office, kept in one SQLite file."""

__version__ = "0.1.0"


def _load_sqlite_utils_alone() -> None:
    """Import sqlite-utils without pandas and numpy, which it imports whenever they are installed (OR-Tools installs
    them) only to name their value types, which this app never stores: 0.3 s and 100 MB off every start and every
    command. They import normally later, where something really uses them (the solvers)."""
    import sys

    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # "import pandas" now fails at once
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


_load_sqlite_utils_alone()
