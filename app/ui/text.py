"""Filling a translated sentence's "%1", "%2"… in one pass, so a value that itself contains "%2" stays as typed."""

from __future__ import annotations

import re

_MARK = re.compile(r"%(\d)")


def fill(template: str, *values) -> str:
    """``fill(self.tr("%1 · %2"), name, age)``: each %N becomes the N-th value; other text is untouched."""
    def value(match: re.Match) -> str:
        number = int(match.group(1))
        return str(values[number - 1]) if 1 <= number <= len(values) else match.group(0)

    return _MARK.sub(value, template)
