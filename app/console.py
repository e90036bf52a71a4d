"""Whether standard input is a person at a console (ask for a password) or a pipe or file (read its lines).

``isatty()`` alone is not enough on Windows: the NUL device (``< NUL``, a scheduled task's empty input) also says
it is a character device. There the console is asked itself (``GetConsoleMode`` succeeds only on a console).
"""

from __future__ import annotations

import os
import sys


def stdin_is_console(stream=None) -> bool:
    stream = sys.stdin if stream is None else stream
    if stream is None:
        return False
    try:
        if not stream.isatty():
            return False
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    if os.name != "nt":
        return True
    import ctypes
    import msvcrt

    try:
        handle = msvcrt.get_osfhandle(fd)
        mode = ctypes.c_uint32()
        return bool(ctypes.windll.kernel32.GetConsoleMode(ctypes.c_void_p(handle), ctypes.byref(mode)))
    except (OSError, AttributeError):
        return False
