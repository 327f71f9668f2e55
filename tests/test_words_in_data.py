"""Every sentence a person reads comes from the content folder, never from Python.

The scan reads every module of the kit and flags a string literal that reads like English
words for people: a capitalised word followed by two more words, or four words in a row.
What is not for the person on the page is left out by where it is, and each exception says
why: docstrings, log lines, errors that tell a programmer they called something wrong,
and the therapist's and developer's tools below (the command line's help, the content
checker's reports), which speak English like the tools around them (Jupyter, Voila).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import kit

KIT = Path(kit.__file__).parent

TOOLS = {
    "__main__.py": "the command line's own help and answers, for whoever runs `kit`",
    "settings.py": "every setting's help and check, for whoever configures a server or hub",
    "check.py": "`kit check`'s report, for the therapist adapting the content",
    "content.py": "the definition checker's messages (DefinitionError), for the therapist",
    "layers.py": "where content files come from; its problems reach `kit check`",
    "resources.py": "the support-line checker's messages, for the therapist",
    "roles.py": "what the code needs from the definitions, checked at start-up",
    "demo.py": "made-up sample answers for trying the kit, not the kit's words",
}
"""Modules that are the therapist's or developer's tools, and why."""

PROGRAMMER_ERRORS = {
    "TypeError", "ValueError", "KeyError", "RuntimeError", "AssertionError", "IndexError",
    "NotImplementedError", "AttributeError", "LookupError", "DefinitionError",
    "HubSetupError", "FileNotFoundError", "SystemExit", "ArgumentTypeError",
}  # fmt: skip
"""Raised for a caller's mistake or a broken content folder (reported by `kit check`),
never shown on a page."""

LOGGERS = {"debug", "info", "warning", "error", "exception", "critical", "log"}

SENTENCE = re.compile(r"\b[A-Z][a-z']+(?: [a-z'’]+){2,}|\b[a-z'’]{2,}(?: [a-z'’]+){3,}")
TAG = re.compile(r"<[^>]*>|\{[^}]*\}|&[a-z]+;")
NOT_WORDS = re.compile(r"[;:=#/\\_]|\.\w|\b(?:px|em|rem|var|rgba?)\b")


SQL = re.compile(r"\b(?:CREATE|SELECT|INSERT|UPDATE|DELETE|RAISE)\b")


def words_in(value: str) -> str | None:
    """The English words for people in a string literal, if it has any."""
    if SQL.search(value):
        return None  # SQL, its messages for whoever reads the database
    text = TAG.sub(" ", value)
    for match in SENTENCE.finditer(text):
        found = match.group(0)
        if not NOT_WORDS.search(found):
            return found
    return None


def _skipped(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """A docstring, a log line, or an error for the programmer."""
    parent = parents.get(node)
    if isinstance(parent, ast.Expr):
        return True  # a docstring, or a bare string
    if isinstance(parent, ast.keyword) and parent.arg == "help":
        return True  # a setting's help, for whoever configures the server
    while parent is not None:
        if isinstance(parent, ast.Raise):
            error = parent.exc.func if isinstance(parent.exc, ast.Call) else parent.exc
            name = getattr(error, "id", getattr(error, "attr", ""))
            return name in PROGRAMMER_ERRORS
        if isinstance(parent, ast.Call):
            called = parent.func
            if isinstance(called, ast.Attribute) and called.attr in LOGGERS:
                return True
            if getattr(called, "id", None) in PROGRAMMER_ERRORS:
                return True
        if isinstance(parent, ast.FunctionDef | ast.ClassDef | ast.Module):
            return False
        parent = parents.get(parent)
    return False


PRAGMA = "# for programmers"
"""Marks a line whose words only a bug can bring out (say why beside it)."""


def english_in(path: Path, root: Path = KIT.parent) -> list[str]:
    """Each person-facing English literal in one module, as "file:line: words"."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            words = words_in(node.value)
            if words and not _skipped(node, parents) and PRAGMA not in lines[node.lineno - 1]:
                found.append(f"{path.relative_to(root)}:{node.lineno}: {words!r}")
    return found


def modules() -> list[Path]:
    return [p for p in sorted(KIT.rglob("*.py")) if p.name not in TOOLS or p.parent != KIT]


def test_no_english_sentence_for_people_is_in_python() -> None:
    """Does every sentence a page shows come from a catalogue or a content file?"""
    found = [hit for path in modules() for hit in english_in(path)]
    assert found == [], "\n".join(found)


def test_every_tool_module_named_is_there() -> None:
    """An exception for a module that no longer exists would hide a new one of that name."""
    assert all((KIT / name).is_file() for name in TOOLS)


@pytest.mark.parametrize(
    "literal",
    [
        "Restore the backup from {day}",
        "<p class='kit-help'>Nothing has been saved yet</p>",
        "you can take a share back later",
    ],
)
def test_the_scan_finds_english_words(tmp_path: Path, literal: str) -> None:
    """Would a sentence added to a page module be found (in a label, in HTML)?"""
    module = tmp_path / "page.py"
    module.write_text(f"import ipywidgets as w\nbutton = w.Button(description={literal!r})\n")
    assert words_in(literal)
    assert english_in(module, tmp_path)


@pytest.mark.parametrize(
    "literal",
    [
        "kit-help kit-card",
        "display: flex; gap: 0.5em",
        "SELECT key, value FROM settings",
        "%Y-%m-%d",
    ],
)
def test_the_scan_leaves_code_alone(literal: str) -> None:
    assert words_in(literal) is None
