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


def read_text(path: Path, what: str, limit: int, error: type[Exception]) -> str:
    """The text of a file a person chose, or ``error`` with a message saying what is wrong."""
    try:
        if path.stat().st_size > limit:
            raise error(f"{path} is too large to be {what}.")
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise error(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise error(f"{path} is a folder, not {what}.") from None
    except UnicodeDecodeError as problem:
        raise error(f"{path} is not {what}: it is not text (byte {problem.start}).") from None
    except OSError as problem:
        raise error(f"{path} cannot be read ({problem.strerror}).") from None
