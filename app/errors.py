"""The kinds of error the app expects, each with a message a user can act on.

Anything else is a bug and reaches the error dialog (GUI) or a traceback (tests).
"""


class KnownError(Exception):
    """An expected failure of the environment or of the user's request: shown as one plain line."""


class ValidationError(KnownError):
    """A value a user typed or imported is not acceptable; ``reason`` is short Chinese for the UI.

    ``field`` names the form field or column the reason belongs to, so a form can show it inline.
    """

    def __init__(self, reason: str, field: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.field = field


class DatabaseError(KnownError):
    """The database file cannot be used: too new, damaged, locked, or not a database at all."""


class NotFound(KnownError):
    """A record the request names does not exist."""


class InvalidRecord(ValidationError):
    """Several fields of one record are wrong at once: ``errors`` maps each field to its Chinese reason."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("；".join(errors.values()), next(iter(errors), None))
        self.errors = errors
