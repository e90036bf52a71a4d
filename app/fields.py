"""Checking a record field by field: each rule is one line, and each refusal stays beside its field.

A validator makes one ``Fields``, checks each value with a rule that names its field and its Chinese reason, and
ends with ``raise_if_any()``, which raises InvalidRecord with every field's reason at once, so a form can show them
all beside their fields. A later refusal of the same field replaces an earlier one, as assigning to a dict would;
``refuse_first`` keeps the first.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, TypeVar

from app.errors import InvalidRecord, ValidationError

T = TypeVar("T")


class Fields:
    """The reasons found so far, by field."""

    def __init__(self, errors: dict[str, str] | None = None) -> None:
        self.errors: dict[str, str] = errors if errors is not None else {}

    def __contains__(self, key: str) -> bool:
        return key in self.errors

    def __bool__(self) -> bool:
        return bool(self.errors)

    def refuse(self, key: str, reason: str) -> None:
        self.errors[key] = reason

    def refuse_first(self, key: str, reason: str) -> None:
        self.errors.setdefault(key, reason)

    def rule(self, key: str, ok: Any, reason: str) -> bool:
        """Refuse ``key`` with ``reason`` unless ``ok``; returns whether it was ok."""
        if not ok:
            self.errors[key] = reason
        return bool(ok)

    def first(self, key: str, *rules: tuple[Any, str]) -> bool:
        """The first of ``(failed, reason)`` rules that fails refuses ``key``; returns whether none failed."""
        for failed, reason in rules:
            if failed:
                self.errors[key] = reason
                return False
        return True

    def check(self, key: str, parse: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """``parse(*args, **kwargs)``, or None with its ValidationError's reason beside ``key``."""
        try:
            return parse(*args, **kwargs)
        except ValidationError as exc:
            self.errors[key] = exc.reason
            return None

    def merge(self, check: Callable[..., T], *args: Any, default_key: str = "", **kwargs: Any) -> T | None:
        """``check(*args, **kwargs)``, or None with the reasons of the InvalidRecord (or ValidationError) it raised
        added beside their fields; a field refused before keeps its earlier reason."""
        try:
            return check(*args, **kwargs)
        except InvalidRecord as exc:
            for key, reason in exc.errors.items():
                self.errors.setdefault(key, reason)
        except ValidationError as exc:
            self.errors.setdefault(exc.field or default_key, exc.reason)
        return None

    def whole(self, key: str, value: Any, low: int, high: int, reason: str, *, default: Any = None) -> int | Any:
        """``value`` as a whole number from ``low`` to ``high``; else ``reason`` beside ``key`` and ``default``."""
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number is None or not low <= number <= high:
            self.errors[key] = reason
            return default
        return number

    def known(self, key: str, chosen: Iterable[Any], allowed: Iterable[Any], reason: Callable[[list], str]) -> list:
        """The chosen items in ``allowed``'s order; unknown ones refuse ``key`` with ``reason(unknown)``."""
        chosen = list(chosen)
        if not chosen:  # most records choose nothing: the quick answer
            return []
        allowed = list(allowed)
        unknown = [item for item in chosen if item not in allowed]
        if unknown:
            self.errors[key] = reason(unknown)
        return [item for item in allowed if item in chosen]

    def raise_if_any(self) -> None:
        """InvalidRecord with every field's reason, when any field was refused."""
        if self.errors:
            raise InvalidRecord(dict(self.errors))
