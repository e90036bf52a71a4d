"""The bundled program's entry point: the same as ``python -m app`` (the window, or a subcommand).

A windowed program on Windows (the built fuwushe.exe) starts with no stdout or stderr. Output then goes
nowhere, and a traceback goes to fuwushe-errors.log in the data folder, so whoever looks after the computer
can find it; the file is made only when something is written.
"""

import os
import sys


class _LogOnFirstWrite:
    def __init__(self, path_of):
        self._path_of, self._file = path_of, None

    def write(self, text: str) -> int:
        if self._file is None:
            path = self._path_of()
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(path, "a", encoding="utf-8")
        count = self._file.write(text)
        self._file.flush()
        return count

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def isatty(self) -> bool:
        return False


def _error_log():
    from app import paths

    return paths.data_dir() / "fuwushe-errors.log"


if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")
if sys.stderr is None:
    sys.stderr = _LogOnFirstWrite(_error_log)

from app.cli import main  # noqa: E402  (after the streams exist: importing may warn)

if __name__ == "__main__":
    sys.exit(main())
