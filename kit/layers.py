"""Where the content comes from: a therapist's folder of changes, over the kit's own.

A therapist adapts the kit without copying it: their content folder (``kit serve
--content DIR``, or ``$KIT_CONTENT_DIR``) holds only the files they change, laid out as
``data/`` is. A file there (a worksheet, a message catalogue, a page, the support lines,
the journey) replaces the kit's file of the same name; every other file comes from the
kit. :class:`Content` is that pair of folders, and answers "which file is this?".

Translations sit beside what they translate, in a folder named by the language:
``worksheets/es/wins.toml``, ``pages/es/start.md``, ``resources/es/crisis-lines.toml``,
``es/journey.toml``; message catalogues follow gettext's own layout,
``messages/<language>/<topic>.po``. A translation of a TOML file holds only words;
:func:`merge_words` lays them over the English, so ids, values, thresholds and scoring
live in one place and a translation cannot change them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent
SOURCE_LANGUAGE = "en"


@functools.cache
def kit_content() -> Path:
    """The content shipped with the kit: ``data/`` in a checkout, ``kit/_data`` installed."""
    candidates = [_PACKAGE / "_data", _PACKAGE.parent / "data"]
    for candidate in candidates:
        if (candidate / "worksheets").is_dir():
            return candidate
    raise FileNotFoundError(
        "The content folder is missing: no worksheets/ folder in " + ", ".join(map(str, candidates))
    )


@dataclass(frozen=True)
class Content:
    """The content the kit reads: ``own`` (a therapist's changes, if any) over ``kit``."""

    kit: Path
    own: Path | None = None

    @property
    def layers(self) -> tuple[Path, ...]:
        """The folders, the one that wins first."""
        return (self.own, self.kit) if self.own is not None else (self.kit,)

    def file(self, *parts: str) -> Path:
        """The file at this path: the therapist's if they have one, else the kit's (whose
        path is given even when it does not exist, for a message that names it)."""
        for layer in self.layers:
            path = layer.joinpath(*parts)
            if path.exists():
                return path
        return self.kit.joinpath(*parts)

    def has(self, *parts: str) -> bool:
        return any(layer.joinpath(*parts).exists() for layer in self.layers)

    def files(self, *parts: str, pattern: str = "*") -> dict[str, Path]:
        """Every file matching ``pattern`` in this folder, by name, across both layers (the
        therapist's file wins), sorted by name."""
        found: dict[str, Path] = {}
        for layer in reversed(self.layers):
            folder = layer.joinpath(*parts)
            if folder.is_dir():
                found.update({p.name: p for p in folder.glob(pattern) if p.is_file()})
        return dict(sorted(found.items()))

    def languages(self) -> list[str]:
        """The languages the content has messages for, English first."""
        codes = {
            p.name
            for layer in self.layers
            if (layer / "messages").is_dir()
            for p in (layer / "messages").iterdir()
            if p.is_dir() and any(p.glob("*.po"))
        }
        return sorted(codes, key=lambda c: (c != SOURCE_LANGUAGE, c))

    def translation(self, language: str, *parts: str) -> Path | None:
        """The translation of the file at ``parts`` into ``language``, if there is one:
        ``worksheets/es/wins.toml`` for ``worksheets/wins.toml``."""
        if language == SOURCE_LANGUAGE:
            return None
        *folders, name = parts
        if self.has(*folders, language, name):
            return self.file(*folders, language, name)
        return None


def content() -> Content:
    """The content in use: the ``content_dir`` setting (a folder of changes; ``kit serve
    --content``, ``$KIT_CONTENT_DIR``; :mod:`kit.settings`) over the kit's own."""
    from .settings import current

    return _content_of(kit_content(), current().content_dir.strip())


@functools.lru_cache(maxsize=8)
def _content_of(kit: Path, configured: str) -> Content:
    # Looked up for every message a page shows: the folder is resolved once per setting.
    return Content(kit, Path(configured).expanduser().resolve() if configured else None)


def as_content(folder: Path | Content | None) -> Content:
    """A Content for a folder given whole (a full copy of ``data/``), or the one in use."""
    if folder is None:
        return content()
    if isinstance(folder, Content):
        return folder
    return Content(Path(folder))


# --- translations of TOML files: words only, matched to the English by a key -------------

WORD_KEYS = frozenset({
    "title", "intro", "attribution", "prompt", "help", "label", "item_label", "placeholder",
    "unit", "flag", "note", "name", "hours", "how", "text",
})  # fmt: skip
"""Keys whose values are words, which a translation gives."""

MATCHED_BY = {
    "sections": "id",
    "fields": "id",
    "options": "value",
    "states": "value",
    "bands": "upto",
    "countries": "code",
    "lines": "name",
    "access": "kind",
    "more": "notebook",
    "parts": None,  # by position
    "defaults": None,
}
"""Lists of tables a translation follows, and the key that pairs an entry with the
English one (None: by position, so the two lists must be as long as each other)."""

NOT_A_WORD = {"lines": {"name"}}
"""Word keys that are the match key in a list: a line's official name is not translated."""


@dataclass(frozen=True)
class WordProblem:
    """Something wrong in a translation: where (a dotted path) and what."""

    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}" if self.where else self.problem


def merge_words(
    english: dict[str, Any], words: dict[str, Any]
) -> tuple[dict[str, Any], list[WordProblem]]:
    """The English table with the translation's words laid over it, and every problem in
    the translation (a key that is not a word and differs from the English, an entry the
    English does not have, a value of the wrong type). Problems leave the English in place."""
    problems: list[WordProblem] = []
    merged = _merge_table(english, words, "", problems, parent_list=None)
    return merged, problems


def _merge_table(
    english: dict[str, Any],
    words: dict[str, Any],
    where: str,
    problems: list[WordProblem],
    parent_list: str | None,
) -> dict[str, Any]:
    merged = dict(english)
    match_key = MATCHED_BY.get(parent_list or "")
    for key, value in words.items():
        here = f"{where}.{key}" if where else key
        if key not in english:
            problems.append(WordProblem(here, "the English has no such key; only words change"))
        elif key in MATCHED_BY and isinstance(english[key], list):
            merged[key] = _merge_list(english[key], value, here, key, problems)
        elif key == "anchors":
            merged[key] = _merge_words_table(english[key], value, here, problems)
        elif key in WORD_KEYS and key not in NOT_A_WORD.get(parent_list or "", set()):
            if isinstance(value, str) and value.strip():
                merged[key] = value
            else:
                problems.append(WordProblem(here, "must be non-empty text"))
        elif key == match_key:
            continue
        elif isinstance(english[key], dict) and isinstance(value, dict):
            merged[key] = _merge_table(english[key], value, here, problems, parent_list=None)
        elif value != english[key]:
            problems.append(
                WordProblem(here, "is not a word: only words may differ from the English file")
            )
    return merged


def _merge_words_table(english: Any, value: Any, where: str, problems: list[WordProblem]) -> Any:
    if not isinstance(english, dict) or not isinstance(value, dict):
        problems.append(WordProblem(where, "must be a table like the English one"))
        return english
    merged = dict(english)
    for key, word in value.items():
        if key not in english:
            problems.append(WordProblem(f"{where}.{key}", "the English has no such entry"))
        elif not isinstance(word, str) or not word.strip():
            problems.append(WordProblem(f"{where}.{key}", "must be non-empty text"))
        else:
            merged[key] = word
    return merged


def _entry_key(entry: Any, match: str) -> Any:
    if isinstance(entry, dict):
        return entry.get(match)
    return entry  # an option given as plain text is its own value


def _merge_list(
    english: list[Any], words: Any, where: str, name: str, problems: list[WordProblem]
) -> list[Any]:
    if not isinstance(words, list):
        problems.append(WordProblem(where, "must be a list like the English one"))
        return english
    match = MATCHED_BY[name]
    merged = list(english)
    if match is None:
        if len(words) != len(english):
            problems.append(
                WordProblem(where, f"has {len(words)} entries; the English has {len(english)}")
            )
            return english
        pairs = list(enumerate(words))
    else:
        index = {_entry_key(e, match): i for i, e in enumerate(english)}
        pairs = []
        for entry in words:
            key = _entry_key(entry, match)
            if key not in index:
                problems.append(
                    WordProblem(where, f"names {match} {key!r}, which the English does not have")
                )
            else:
                pairs.append((index[key], entry))
    for i, entry in pairs:
        base = english[i]
        label = f"{where}[{_entry_key(base, match) if match else i}]"
        if not isinstance(entry, dict):
            problems.append(WordProblem(label, "must be a table"))
            continue
        if isinstance(base, str):  # an option given as plain text: its label is its value
            base = {"value": base, "label": base}
        if not isinstance(base, dict):
            problems.append(WordProblem(label, "the English entry is not a table"))
            continue
        if name == "defaults":  # a list's first entries: every value is words
            merged[i] = _merge_words_table(base, entry, label, problems)
        else:
            merged[i] = _merge_table(base, entry, label, problems, parent_list=name)
    return merged


def missing_words(
    english: dict[str, Any], words: dict[str, Any], where: str = "", parent_list: str | None = None
) -> Iterator[str]:
    """The dotted paths of every word in the English that the translation does not give
    (which the page shows in English)."""
    for key, value in english.items():
        here = f"{where}.{key}" if where else key
        given = words.get(key) if isinstance(words, dict) else None
        if key in MATCHED_BY and isinstance(value, list):
            match = MATCHED_BY[key]
            given_list = given if isinstance(given, list) else []
            for i, entry in enumerate(value):
                if match is None:
                    other = given_list[i] if i < len(given_list) else {}
                    label = f"{here}[{i}]"
                else:
                    entry_key = _entry_key(entry, match)
                    other = next((g for g in given_list if _entry_key(g, match) == entry_key), {})
                    label = f"{here}[{entry_key}]"
                if isinstance(entry, str):
                    if not (isinstance(other, dict) and other.get("label")):
                        yield f"{label}.label"
                elif isinstance(entry, dict):
                    if key == "defaults":
                        yield from (
                            f"{label}.{k}" for k, v in entry.items()
                            if isinstance(v, str) and not (isinstance(other, dict) and k in other)
                        )  # fmt: skip
                    else:
                        yield from missing_words(entry, other, label, key)
        elif key == "anchors" and isinstance(value, dict):
            other = given if isinstance(given, dict) else {}
            yield from (f"{here}.{k}" for k in value if k not in other)
        elif key in WORD_KEYS and key not in NOT_A_WORD.get(parent_list or "", set()):
            if isinstance(value, str) and value.strip() and not given:
                yield here
        elif isinstance(value, dict):
            yield from missing_words(value, given if isinstance(given, dict) else {}, here)
