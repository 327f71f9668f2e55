"""The kit's exceptions: one family, each with a message a person can read.

Every error the kit raises on purpose derives from :class:`KitError`, so a page can
catch that one class, show ``str(error)`` calmly, and never show a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any


# The words of an error are looked up by kit.text, which needs this module itself (a broken
# message catalogue is a DefinitionError). So kit.text hands its lookup over as it loads
# (:func:`use_words`), and this module, at the bottom of the kit, imports nothing of it.
def _words(message_id: str, /, **values: Any) -> str:
    return message_id  # until kit.text has loaded, which kit's own __init__ does first


def use_words(lookup: Callable[..., str]) -> None:
    """Say how an error's words are found (``kit.text.t``, called once as it loads)."""
    global _words
    _words = lookup


def words(message_id: str, /, **values: Any) -> str:
    """An error's words in the language shown now (see :func:`use_words`)."""
    return _words(message_id, **values)


class KitError(Exception):
    """Something the kit expected could go wrong, with a message for a person."""


class DefinitionError(KitError, ValueError):
    """A worksheet definition under data/ is broken; the message names the file and field."""

    def __init__(self, file: str | Path, problem: str, field: str | None = None) -> None:
        self.file = str(file)
        self.field = field
        self.problem = problem
        where = f"{self.file}: field '{field}'" if field else self.file
        super().__init__(f"{where}: {problem}")


class UnknownWorksheetError(KitError, KeyError):
    """No worksheet has this id."""

    def __init__(self, worksheet_id: str, known: list[str]) -> None:
        self.worksheet_id = worksheet_id
        # The ids are codes, not words, so they are listed as they are.
        super().__init__(
            words("journal.unknown-worksheet", name=repr(worksheet_id), known=", ".join(known))
        )

    def __str__(self) -> str:
        # KeyError would otherwise wrap the message in quotes.
        return str(self.args[0])


class ValidationError(KitError, ValueError):
    """Some answers cannot be saved; ``.errors`` maps each field id to a plain message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        listed = "; ".join(f"{field}: {message}" for field, message in self.errors.items())
        super().__init__(words("journal.answers-need-a-look", listed=listed))


class FileProblemError(ValidationError):
    """A file brought in cannot be used; ``.errors`` maps "file" to what is wrong and where,
    and the message is just that."""

    def __init__(self, message: str) -> None:
        self.errors = {"file": message}
        Exception.__init__(self, message)


class JournalError(KitError):
    """The journal cannot be opened or written; nothing was changed."""


class DataDirError(JournalError):
    """The data directory cannot be created or written to."""


class DamagedJournalError(JournalError):
    """The journal file is damaged or is not a journal; it has been left exactly as it was."""

    def __init__(self, path: str | Path, detail: str) -> None:
        self.path = str(path)
        super().__init__(words("journal.damaged", path=self.path, detail=detail))


class NewerJournalError(JournalError):
    """The journal was written by a newer version of the kit; it is not opened."""

    def __init__(self, path: str | Path, found: int, known: int) -> None:
        self.path = str(path)
        super().__init__(words("journal.newer", path=self.path, found=found, known=known))


class HubSetupError(KitError, RuntimeError):
    """A hub is configured or a hub server started without what it needs (a setting out of
    range, a missing folder, not started by JupyterHub); the message says what."""
