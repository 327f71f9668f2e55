"""The shape of the code: kit's modules import one another without a cycle, and no module
uses another's private names. Both are read from the source (the ``ast``), so an import
inside a function counts as much as one at the top; only imports under ``TYPE_CHECKING``,
which never run, are left out."""

from __future__ import annotations

import ast
from pathlib import Path

import kit

KIT = Path(kit.__file__).parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(KIT.rglob("*.py")):
        parts = path.relative_to(KIT.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _only_for_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The kit modules that ``module`` imports when it runs, wherever the import is."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _only_for_type_checking(child):
                for other in child.orelse:
                    visit_one(other)
            else:
                visit_one(child)

    def visit_one(node: ast.AST) -> None:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                above = package[: len(package) - node.level + 1]
                base = ".".join([*above, node.module or ""]).rstrip(".")
            elif (node.module or "").split(".")[0] == "kit":
                base = node.module or ""
            else:
                return
            for alias in node.names:  # from . import backup: the module kit.backup
                inner = f"{base}.{alias.name}"
                found.add(inner if inner in modules else base)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "kit")
        else:
            visit(node)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {m for m in found if m in modules and m != module}


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import one another round in a circle (Tarjan's strongly
    connected components of more than one module)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return found


def test_the_import_graph_has_no_cycle() -> None:
    """Does every kit module sit above the ones it imports, with no circle anywhere?"""
    graph = import_graph()
    assert "kit.backup" in graph["kit.journal"]  # the reader sees imports at all
    assert "kit.bundle" in graph["kit.journal"]  # ...and those inside functions
    assert cycles(graph) == []


def test_the_journal_stores_and_reads_back_only() -> None:
    """Does the journal leave the views of its data (check-ins, scores, frames) to the
    modules above it: no analysis module, no roles of particular worksheets, no pandas?"""
    graph = import_graph()
    above = {m for m in graph["kit.journal"] if m.startswith("kit.analysis") or m == "kit.roles"}
    assert above == set()
    tree = ast.parse((KIT / "journal.py").read_text(encoding="utf-8"))
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import)
                for a in n.names} | {(n.module or "").split(".")[0] for n in ast.walk(tree)
                                     if isinstance(n, ast.ImportFrom) and not n.level}  # fmt: skip
    assert "pandas" not in imported


def test_finding_a_cycle() -> None:
    """Does the cycle finder find one (a test that could not fail would prove nothing)?"""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def private_uses() -> list[str]:
    """Each use of a private name outside the module that defines it: imported by name, or
    read or set on an object other than ``self`` or ``cls``. A private name is defined by
    a module where it is a function, a class, an assigned name, or an attribute set on
    ``self``/``cls``."""
    defined: dict[str, set[str]] = {}
    used: dict[str, list[tuple[str, int]]] = {}
    for module, path in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        own: set[str] = set()
        uses: list[tuple[str, int]] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                if _private(node.name):
                    own.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                if _private(node.id):
                    own.add(node.id)
            elif isinstance(node, ast.Attribute) and _private(node.attr):
                on_self = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
                if on_self and isinstance(node.ctx, ast.Store):
                    own.add(node.attr)
                elif not on_self:
                    uses.append((node.attr, node.lineno))
            elif isinstance(node, ast.ImportFrom):
                uses += [(a.name, node.lineno) for a in node.names if _private(a.name)]
        defined[module], used[module] = own, uses
    owners: dict[str, set[str]] = {}
    for module, names in defined.items():
        for name in names:
            owners.setdefault(name, set()).add(module)
    return [
        f"{module}:{line} uses {name} of {', '.join(sorted(owners[name]))}"
        for module, uses in used.items()
        for name, line in uses
        if name in owners and name not in defined[module]
    ]


def test_no_module_uses_another_modules_private_names() -> None:
    """Does each module keep to the others' public names (what another module needs is
    made public, named and documented)?"""
    assert private_uses() == []


def test_the_benchmarks_and_support_never_import_the_tests() -> None:
    """Do the benchmarks share servers and browser settings with the tests through
    support/, never by importing the tests (whose fixtures change under them)?"""
    repo = KIT.parent
    found = []
    for path in sorted([*(repo / "benchmarks").rglob("*.py"), *(repo / "support").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            found += [f"{path.relative_to(repo)}:{node.lineno} imports {n}"
                      for n in names if n.split(".")[0] == "tests"]  # fmt: skip
    assert found == []


def setting_variables() -> list[str]:
    """Every place outside kit.settings that names a ``KIT_`` environment variable in code
    (a string that is just the variable's name; words in a docstring or a help text are not
    read)."""
    import re

    name = re.compile(r"KIT_[A-Z0-9_]+")
    found = []
    for module, path in _modules().items():
        if module == "kit.settings":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and name.fullmatch(str(node.value)):
                found.append(f"{module}:{node.lineno} names {node.value}")
    return found


def test_only_the_settings_read_kit_variables() -> None:
    """Is every setting read in one place, kit.settings (KIT_CONFIG, KIT_DATA_DIR,
    KIT_CONTENT_DIR), so that no module has a variable of its own that --help-all, a config
    file and the hub know nothing of?"""
    assert setting_variables() == []


def html_by_hand() -> list[str]:
    """Every f-string in kit that writes an HTML tag around a value (a value put in one by
    hand is escaped only if someone remembered): HTML comes from kit/templates, or from
    Markup's format, which escape every value."""
    import re

    tag = re.compile(r"<[a-z/!]")
    found = []
    for module, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            text = "".join(v.value if isinstance(v, ast.Constant) else "x" for v in node.values)
            if tag.search(text) and any(isinstance(v, ast.FormattedValue) for v in node.values):
                found.append(f"{module}:{node.lineno} {text[:50]!r}")
            found += [f"{module}:{node.lineno} calls html.escape"
                      for call in ast.walk(node) if _is_html_escape(call)]  # fmt: skip
    return found


def _is_html_escape(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "escape"
        and getattr(node.func.value, "id", "") == "html"
    )


def test_no_html_is_written_by_hand() -> None:
    """Is every piece of HTML the kit writes around a value made where escaping cannot be
    forgotten (a template with autoescaping, or Markup)?"""
    assert html_by_hand() == []
