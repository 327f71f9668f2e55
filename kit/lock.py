"""The passphrase lock: what it takes to keep a journal unreadable without the passphrase.

* A random 256-bit **data key** encrypts everything a person wrote: each response and each
  setting is sealed with AES-256-GCM under a fresh 96-bit nonce, with the record's identity
  (which table, its row, its worksheet, version and time) as associated data, so a record
  that is altered, or moved to another row, fails to open.
* The data key is stored only **wrapped**: encrypted with a key derived from the passphrase
  by Argon2id (a random salt; 64 MiB, 3 passes, 4 lanes, which is RFC 9106's second
  recommended setting and above OWASP's minimum), and a second time with a key derived from
  a random **recovery code**. Changing the passphrase rewraps that one key.
* Worksheet names and setting names are replaced by a **blind index** (an HMAC under a key
  derived from the data key), so the file does not say which pages were filled in.

What still shows is in the README: file sizes, how many records, when each was saved, and
the version number of the worksheet definition each was saved against.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any

from .errors import KitError

SEALED = b"KJS1"  # the first bytes of every sealed value: what made it, and how
NONCE_BYTES = 12
KEY_BYTES = 32
KDF = {"name": "argon2id", "memory_kib": 64 * 1024, "iterations": 3, "lanes": 4}
MIN_PASSPHRASE = 8
RECOVERY_GROUPS = 8  # 8 groups of 5 base32 characters: 200 random bits


class LockedError(KitError):
    """The journal is locked: a passphrase (or the recovery code) is needed, or the one
    given is wrong. Nothing was read or written."""


class PassphraseError(KitError, ValueError):
    """A new passphrase cannot be used (too short, or the two do not match)."""


class NotLockedError(KitError, ValueError):
    """A passphrase was given for a journal that is not locked: it was not used (the
    journal would keep every answer readable), and nothing was opened."""

    def __init__(self, path: object) -> None:
        from .text import t

        self.path = str(path)
        super().__init__(t("lock.not-locked", path=self.path))


def _normal(passphrase: str) -> bytes:
    """The same passphrase typed on two keyboards gives the same bytes (NFC)."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def check_new_passphrase(passphrase: str, again: str | None = None) -> None:
    """Raise PassphraseError with a plain message if ``passphrase`` will not do."""
    from .text import t

    if not isinstance(passphrase, str) or len(passphrase.strip()) < MIN_PASSPHRASE:
        raise PassphraseError(t("locking.passphrase.too-short", least=MIN_PASSPHRASE))
    if again is not None and passphrase != again:
        raise PassphraseError(t("locking.passphrase.not-same"))


def _derive(secret: bytes, salt: bytes, kdf: dict) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    if kdf.get("name") != "argon2id":
        from .text import t

        raise LockedError(t("locking.newer-kit"))
    return Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=int(kdf["iterations"]),
        lanes=int(kdf["lanes"]),
        memory_cost=int(kdf["memory_kib"]),
    ).derive(secret)


@functools.cache
def _aead() -> tuple[Any, type[Exception]]:
    """AES-GCM and the error of a value that does not open, imported on first use: the
    import takes about 30 ms, which a journal without a lock never needs to pay."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM, InvalidTag


def _cipher(key: bytes) -> Any:
    return _aead()[0](key)


def _seal(cipher: Any, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return SEALED + nonce + cipher.encrypt(nonce, plaintext, aad)


def _open(cipher: Any, sealed: bytes, aad: bytes) -> bytes | None:
    """The plaintext, or None if the value was not sealed with this key for this place."""
    sealed = bytes(sealed)
    if not sealed.startswith(SEALED) or len(sealed) < len(SEALED) + NONCE_BYTES + 16:
        return None
    nonce = sealed[len(SEALED) : len(SEALED) + NONCE_BYTES]
    try:
        return cipher.decrypt(nonce, sealed[len(SEALED) + NONCE_BYTES :], aad)
    except _aead()[1]:
        return None


def new_recovery_code() -> str:
    """A recovery code to print: 8 groups of 5 letters and digits (no 0/O, 1/I confusion:
    base32 has neither 0 nor 1)."""
    raw = base64.b32encode(secrets.token_bytes(25)).decode("ascii")
    return "-".join(raw[i : i + 5] for i in range(0, 5 * RECOVERY_GROUPS, 5))


def _normal_code(code: str) -> bytes:
    return "".join(c for c in code.upper() if c.isalnum()).encode("ascii", "ignore")


@dataclass(frozen=True)
class LockRecord:
    """What a locked journal stores about its lock (all of it safe to store)."""

    kdf: dict
    salt: bytes
    wrapped: bytes
    recovery_salt: bytes
    recovery_wrapped: bytes

    def to_json(self) -> dict:
        b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
        return {"kdf": self.kdf, "salt": b64(self.salt), "wrapped": b64(self.wrapped),
                "recovery_salt": b64(self.recovery_salt),
                "recovery_wrapped": b64(self.recovery_wrapped)}  # fmt: skip

    @classmethod
    def from_json(cls, data: dict) -> LockRecord:
        try:
            raw = {k: base64.b64decode(data[k], validate=True) for k in
                   ("salt", "wrapped", "recovery_salt", "recovery_wrapped")}  # fmt: skip
            kdf = data["kdf"]
            if not isinstance(kdf, dict):
                raise TypeError
        except (KeyError, TypeError, ValueError):
            from .text import t

            raise LockedError(t("locking.lock-damaged")) from None
        return cls(kdf=kdf, **raw)


WRAP_AAD = b"journal-kit data key v1"
RECOVERY_AAD = b"journal-kit data key (recovery) v1"


class Keys:
    """An unlocked journal's keys: seal and open what a person wrote, and name things
    without saying what they are."""

    def __init__(self, data_key: bytes) -> None:
        self._data_key = data_key
        # One cipher for every record: building it costs more than a small record's
        # decryption (3,650 check-ins are opened for the trends page).
        self._data = _cipher(data_key)
        self._index_key = hmac.new(data_key, b"journal-kit blind index v1", hashlib.sha256).digest()

    def tag(self, name: str) -> str:
        """A stand-in for a worksheet or setting name: the same name, the same tag."""
        digest = hmac.new(self._index_key, name.encode("utf-8"), hashlib.sha256).hexdigest()
        return "t:" + digest[:32]

    def seal(self, value: object, place: str) -> bytes:
        data = json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return _seal(self._data, data, place.encode("utf-8"))

    def open(self, sealed: bytes, place: str) -> object | None:
        """The value, or None if it does not open here (altered, moved or foreign)."""
        data = _open(self._data, sealed, place.encode("utf-8"))
        return None if data is None else json.loads(data.decode("utf-8"))

    def lock_with(self, passphrase: str, recovery_code: str) -> LockRecord:
        salt, recovery_salt = os.urandom(16), os.urandom(16)
        return LockRecord(
            kdf=dict(KDF),
            salt=salt,
            wrapped=_seal(
                _cipher(_derive(_normal(passphrase), salt, KDF)), self._data_key, WRAP_AAD
            ),
            recovery_salt=recovery_salt,
            recovery_wrapped=_seal(
                _cipher(_derive(_normal_code(recovery_code), recovery_salt, KDF)),
                self._data_key,
                RECOVERY_AAD,
            ),
        )

    def rewrap(self, lock: LockRecord, passphrase: str) -> LockRecord:
        """The same lock with a new passphrase (the recovery code is unchanged)."""
        salt = os.urandom(16)
        wrapping = _cipher(_derive(_normal(passphrase), salt, lock.kdf))
        wrapped = _seal(wrapping, self._data_key, WRAP_AAD)
        return LockRecord(lock.kdf, salt, wrapped, lock.recovery_salt, lock.recovery_wrapped)


def new_keys() -> Keys:
    return Keys(secrets.token_bytes(KEY_BYTES))


def unlock(
    lock: LockRecord, passphrase: str | None = None, recovery_code: str | None = None
) -> Keys:
    """The keys, given the passphrase or the recovery code; LockedError if neither fits."""
    if passphrase:
        key = _open(
            _cipher(_derive(_normal(passphrase), lock.salt, lock.kdf)), lock.wrapped, WRAP_AAD
        )
        if key is not None:
            return Keys(key)
    if recovery_code:
        derived = _derive(_normal_code(recovery_code), lock.recovery_salt, lock.kdf)
        key = _open(_cipher(derived), lock.recovery_wrapped, RECOVERY_AAD)
        if key is not None:
            return Keys(key)
    from .text import t

    if not passphrase and not recovery_code:
        raise LockedError(t("locking.needs-passphrase"))
    raise LockedError(t("locking.wrong-passphrase") if passphrase else t("locking.wrong-code"))
