"""``python -m app``: the window by default, headless subcommands for scripts (see ``app.cli``)."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
