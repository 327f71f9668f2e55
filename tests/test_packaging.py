"""Promises about the project itself: dependencies, the wheel, the public API, notebooks."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

import kit
from kit.widgets.extras.wins import WinsFound

REPO = Path(__file__).resolve().parent.parent


def _requirements(lines: list[str]) -> dict[str, str]:
    parsed = {}
    for line in lines:
        name, spec = re.match(r"^\s*([A-Za-z0-9_.-]+)\s*(.*)$", line).groups()
        parsed[re.sub(r"[-_.]+", "-", name).lower()] = spec.replace(" ", "")
    return parsed


def test_environment_yml_matches_pyproject() -> None:
    """Does environment.yml list the same runtime dependencies, with the same versions?"""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    conda = yaml.safe_load((REPO / "environment.yml").read_text())
    conda_deps = [d for d in conda["dependencies"] if isinstance(d, str)]
    conda_deps = [d for d in conda_deps if not d.startswith(("python", "pip"))]
    assert "conda-forge" in conda["channels"]
    assert _requirements(conda_deps) == _requirements(project["dependencies"])
    python = next(d for d in conda["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert python.replace("python", "") == project["requires-python"]


def test_public_api_is_exactly_all() -> None:
    """Is kit.__all__ exactly what kit makes public (as httpx checks its own): every name
    in it exists, and every public name kit has, loaded or lazy, is in it?"""
    import __future__

    for name in kit.__all__:
        assert getattr(kit, name) is not None
    public = {
        name for name, value in vars(kit).items()
        if not name.startswith("_")
        and type(value).__name__ != "module"  # kit.journal and the like, once imported
        and not isinstance(value, __future__._Feature)  # from __future__ import annotations
    } | set(kit._WIDGET_FUNCTIONS) | {"__version__"}  # fmt: skip
    assert sorted(kit.__all__) == sorted(public)
    assert len(kit.__all__) == len(set(kit.__all__)), "a name listed twice"
    assert callable(kit.show)


# Exceptions that never leave the kit: each is caught where it is raised and turned into
# one of the KitError family.
INTERNAL_EXCEPTIONS = {
    "kit.fields.Invalid": "one answer's problem; validate_answers gathers them",
    "kit.fields.AnswerErrors": "every caller turns it into ValidationError or FileProblemError",
}


def _exception_classes() -> dict[str, type[BaseException]]:
    import importlib
    import pkgutil

    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(kit.__path__, "kit."):
        if info.name.startswith("kit.__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, BaseException)
                    and value.__module__ == info.name):  # fmt: skip
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return found


def test_every_error_a_caller_can_meet_is_a_kit_error_and_exported() -> None:
    """Is every exception the kit defines in the KitError family and in kit.__all__ (so a
    caller catches one class and can name each), apart from the few that never leave it?"""
    classes = _exception_classes()
    assert "kit.errors.KitError" in classes
    assert "kit.bundle.BundleError" in classes
    for where, cls in classes.items():
        if where in INTERNAL_EXCEPTIONS:
            continue
        assert issubclass(cls, kit.KitError), f"{where} is not a KitError"
        assert cls.__name__ in kit.__all__, f"{where} is not exported from kit"
        assert getattr(kit, cls.__name__) is cls, f"kit.{cls.__name__} is another class"
    assert set(INTERNAL_EXCEPTIONS) <= set(classes), "an internal exception is gone"


def test_importing_kit_does_not_load_widgets() -> None:
    """Can scripts use the journal without loading ipywidgets, pandas or plotly?"""
    code = (
        "import sys, kit;"
        "print(sorted(m for m in ('ipywidgets', 'pandas', 'plotly') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("*.whl")
    return built


def test_wheel_carries_content_and_notebooks(wheel: Path, tmp_path: Path) -> None:
    """After a plain install from the wheel, are the worksheets and notebooks found?"""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path)
    assert "kit/_data/worksheets/wellbeing.toml" in names
    assert "kit/_data/resources/crisis-lines.toml" in names
    assert "kit/_notebooks/00-start.ipynb" in names
    assert "kit/app/share/voila/templates/kit/page.html" in names
    assert "kit/widgets/style.css" in names
    assert "kit/templates/report/document.html" in names  # the report's templates
    assert "kit/_data/worksheets/check-in.toml" in names
    assert not any(n.startswith(("tests/", "data/", "notebooks/")) for n in names)
    code = (
        "import kit, kit.app.serve as s; from kit.content import data_dir;"
        "print(kit.__file__); print(data_dir()); print(s.notebooks_dir());"
        "print(kit.worksheet_ids())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    module, data, notebooks, ids = out.stdout.splitlines()
    assert module.startswith(str(tmp_path))
    assert data == str(tmp_path / "kit" / "_data")
    assert notebooks == str(tmp_path / "kit" / "_notebooks")
    assert "wellbeing" in ids


NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_clean_thin_and_neutral(path: Path) -> None:
    """Is each notebook committed without outputs, titled neutrally, and thin?"""
    notebook = json.loads(path.read_text())
    assert notebook["metadata"].get("title") == "Journal"
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code, "a notebook calls into kit"
    for cell in code:
        assert cell["outputs"] == []
        assert cell["execution_count"] is None
        source = "".join(cell["source"])
        if "skip-voila" not in cell["metadata"].get("tags", []):
            lines = [x for x in source.splitlines() if x.strip() and not x.startswith("#")]
            assert all(x == "import kit" or x.startswith("kit.") for x in lines), source


def test_gitignore_keeps_private_things_out() -> None:
    """Are the venv, journals and checkpoints ignored by git?"""
    paths = [".venv/bin/python", "journal.sqlite3", "x/journal.sqlite3-wal",
             "notebooks/.ipynb_checkpoints/a.ipynb", "notes.db"]  # fmt: skip
    ignored = subprocess.run(
        ["git", "check-ignore", *paths], cwd=REPO, capture_output=True, text=True
    ).stdout.split()
    assert ignored == paths


def in_fresh_python(code: str, data_dir: Path) -> str:
    """What ``code`` prints, run by a new interpreter over the journal in ``data_dir``."""
    env = {"KIT_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_worksheet_pages_without_charts_load_no_pandas_or_plotly(tmp_path: Path) -> None:
    """Do pages that draw no chart (well-being, check-in, sharing) stay free of pandas and
    plotly?"""
    code = (
        "import sys, kit\n"
        "from kit.widgets import Form\n"
        "from kit.widgets.pages import add_page_extras\n"
        "from kit.widgets.share import Share\n"
        "journal = kit.open_journal()\n"
        "for sheet in ('wellbeing', 'check-in', 'phq9'):\n"
        "    form = Form(kit.definition(sheet), journal)\n"
        "    add_page_extras(form)\n"
        "    form.save()\n"
        "page = Share(journal)\n"
        "page.share()  # nothing ticked: refused before anything is drawn\n"
        "assert page.pick_error.value, page.result.value\n"
        "print(sorted(m for m in ('pandas', 'plotly') if m in sys.modules))\n"
    )
    assert in_fresh_python(code, tmp_path) == "[]"


def test_pages_that_count_streaks_load_no_pandas(tmp_path: Path) -> None:
    """Do the contact plan, digital detox and small wins pages count streaks, find wins and
    draw a fade from plain check-in rows, without pandas (about 45 MB a kernel)?"""
    from kit.demo import write_demo

    with write_demo(tmp_path, days=40) as journal:
        start = (dt.date.today() - dt.timedelta(days=14)).isoformat()
        journal.save("contact-plan", {"approach": "fade", "fade_start": start,
                                      "contacts_now": 4, "fade_weeks": 4})  # fmt: skip
        journal.save("wins", {"wins": [{"day": start, "category": "meal"}]})
    code = (
        "import json, sys, kit\n"
        "from kit.widgets import Form\n"
        "from kit.widgets.pages import add_page_extras\n"
        "journal = kit.open_journal()\n"
        "shown = {}\n"
        "for sheet in ('contact-plan', 'digital-detox', 'wins'):\n"
        "    form = Form(kit.definition(sheet), journal)\n"
        "    extras = {type(e).__name__: e for e in add_page_extras(form)}\n"
        "    form.save()\n"
        "    shown[sheet] = extras\n"
        "fade = shown['contact-plan']['FadeChart'].figure\n"
        "print(json.dumps({\n"
        "    'fade weeks': len(fade.data[0].y),\n"
        "    'detox': shown['digital-detox']['DetoxProgressPanel'].widget.value,\n"
        "    'found': len(shown['wins']['WinsFound'].rows.children),\n"
        "    'wins': shown['wins']['Celebration'].words.value,\n"
        "    'wins chart': shown['wins']['Celebration'].figure.layout.title.text,\n"
        "    'loaded': sorted(m for m in ('pandas', 'numpy') if m in sys.modules),\n"
        "}))\n"
    )
    seen = json.loads(in_fresh_python(code, tmp_path))
    assert seen["fade weeks"] == 4
    assert "without checking their profiles (your longest run:" in seen["detox"]
    assert seen["found"] == WinsFound.SHOWN
    assert "check-ins in a row without reaching out to them (longest:" in seen["wins"]
    assert seen["wins chart"] == "1 win and counting"
    assert seen["loaded"] == []
