"""Domain errors: each carries a catalogue key so the UI can say it in the user's language."""

from __future__ import annotations

from typing import Any

from i18n import t


class DomainError(Exception):
    """A refusal the user can act on; `str()` is the Vietnamese message."""

    key = "error.unexpected"

    def __init__(self, key: str | None = None, /, **params: Any) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(self.message())

    def message(self, lang: str = "vi") -> str:
        """The message in `lang`, parameters filled in."""
        return t(self.key, lang, **self.params)


class IllegalTransition(DomainError):
    """A status move the workflow does not allow; `source` and `target` are status codes."""

    key = "error.illegal_transition"

    def message(self, lang: str = "vi") -> str:
        """The message with both statuses named in `lang`."""
        source, target = self.params["source"], self.params["target"]
        return t(self.key, lang, source=t(f"status.{source}", lang), target=t(f"status.{target}", lang))


class ConflictError(DomainError):
    """The task changed since the user loaded it; `current` is its state now."""

    key = "error.conflict"

    def __init__(self, current: Any = None, /, **params: Any) -> None:
        self.current = current
        if current is not None:
            params.setdefault("title", getattr(current, "title", ""))
        params.setdefault("title", "")
        super().__init__(**params)


class NotFound(DomainError):
    """No such row, or not one this user may see."""

    key = "error.not_found"


class PermissionDenied(DomainError):
    """The acting user's role does not allow this."""

    key = "error.permission_denied"


class ValidationError(DomainError):
    """Input that cannot be stored as given."""
