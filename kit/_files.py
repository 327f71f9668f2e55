"""Files a person hands the kit or takes away: read with plain messages, written whole."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to a temporary file beside ``target``, then move it into place.

    The file is readable by its owner only unless ``mode`` says otherwise (a share for a
    therapist must be readable by the therapist's group too)."""
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


BUNDLE = "bundle"
MOOD_CSV = "mood-csv"


def read_text(path: Path, what: str, limit: int, error: type[Exception]) -> str:
    """The text of a file a person chose, or ``error`` with a message saying what is wrong.

    ``what`` is what the file should be, :data:`BUNDLE` or :data:`MOOD_CSV`: each has its
    own whole sentences in the catalogue (data/messages/*/transfer.po)."""
    from .text import t

    where, bundle = str(path), what == BUNDLE
    try:
        if path.stat().st_size > limit:
            raise error(
                t("transfer.bundle.too-large", path=where) if bundle
                else t("transfer.mood.too-large", path=where)
            )  # fmt: skip
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise error(t("transfer.file.missing", path=where)) from None
    except IsADirectoryError:
        raise error(
            t("transfer.bundle.folder", path=where) if bundle
            else t("transfer.mood.folder", path=where)
        ) from None  # fmt: skip
    except UnicodeDecodeError as problem:
        byte = str(problem.start)
        raise error(
            t("transfer.bundle.not-text", path=where, byte=byte) if bundle
            else t("transfer.mood.not-text", path=where, byte=byte)
        ) from None  # fmt: skip
    except OSError as problem:
        raise error(
            t("transfer.file.unreadable", path=where, reason=str(problem.strerror))
        ) from None
