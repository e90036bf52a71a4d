"""The terminal the command line talks to: whether standard input is a console a person types into, and output
streams that never fail on a code page.

A leaf module (standard library only), so the CLI's password reading and its entry can both use it.
"""

from __future__ import annotations

import codecs
import os
import sys
from typing import TextIO

# Surrogate escapes (a file name that was not UTF-8, passed on the command line) go out as the bytes they came
# in as; any other character the stream's encoding lacks becomes "?". Neither raises.
_ERRORS = "fuwushe.replace"


def _replace(error: UnicodeError):
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start:error.end]
    if all("\udc80" <= char <= "\udcff" for char in text):
        return codecs.lookup_error("surrogateescape")(error)
    return "?" * len(text), error.end


codecs.register_error(_ERRORS, _replace)


def stdin_is_console(stream: TextIO | None = None) -> bool:
    """Whether a person can type at standard input (or ``stream``): a terminal on Linux and macOS, a console on
    Windows.

    False for a pipe, a file, NUL or /dev/null, and when there is no standard input at all (a windowed program,
    a scheduled task). ``isatty()`` is not enough on Windows: it is true for NUL, so ``… < NUL`` would wait
    for ever at a prompt; the console API tells a console from a character device."""
    return is_console(sys.stdin if stream is None else stream)


def is_console(stream: TextIO | None) -> bool:
    if stream is None:
        return False
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # closed, or not backed by a file (a test's StringIO)
        return False
    if sys.platform == "win32":
        return _console_mode(fd) is not None
    try:
        return os.isatty(fd)
    except OSError:
        return False


def _console_mode(fd: int) -> int | None:
    """The console mode of a Windows file descriptor's handle, or None when it is not a console."""
    import ctypes
    import msvcrt
    from ctypes import wintypes

    try:
        handle = msvcrt.get_osfhandle(fd)
    except OSError:
        return None
    mode = wintypes.DWORD()
    get_console_mode = ctypes.WinDLL("kernel32", use_last_error=True).GetConsoleMode
    get_console_mode.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    get_console_mode.restype = wintypes.BOOL
    return mode.value if get_console_mode(handle, ctypes.byref(mode)) else None


def output_encoding(stream: TextIO) -> str:
    """The encoding output to ``stream`` should use.

    A console (Windows' console API, or a UTF-8 terminal) takes any character as it is. Output redirected to a
    file or a pipe keeps the encoding whoever reads it expects: UTF-8 where the user asked for it
    (PYTHONIOENCODING, PYTHONUTF8=1) or where the console's code page is UTF-8 (``chcp 65001``), otherwise
    the system's code page (936 on a Chinese Windows), whose missing characters are replaced."""
    chosen = os.environ.get("PYTHONIOENCODING", "").partition(":")[0].strip()
    if chosen:
        try:
            return codecs.lookup(chosen).name
        except LookupError:
            pass
    if os.environ.get("PYTHONUTF8") == "1":
        return "utf-8"
    current = stream.encoding or "utf-8"
    if sys.platform == "win32" and not is_console(stream) and _console_output_code_page() == 65001:
        return "utf-8"
    return current


def _console_output_code_page() -> int:
    import ctypes

    return ctypes.windll.kernel32.GetConsoleOutputCP()  # 0 when the process has no console


def setup_output() -> None:
    """Make standard output and standard error never fail on a character: called first thing by the CLI, before
    even ``--help`` prints (Chinese help to a pipe on an English Windows raised UnicodeEncodeError)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or not hasattr(stream, "reconfigure"):
            continue   # a windowed program's missing stream, or one a caller put in place: leave it be
        try:
            stream.reconfigure(encoding=output_encoding(stream), errors=_ERRORS)
        except (OSError, ValueError, LookupError):
            stream.reconfigure(errors=_ERRORS)
