"""Every setting of the kit, in one object: :class:`KitSettings`.

``kit serve``, ``kit hub-server`` and the pages all read their settings from here, each a
traitlet with its help and its safe default, the way Voila keeps its configuration
(``VoilaConfiguration``). From the one class come:

* the options of ``kit serve`` (each setting tagged with an ``option`` is one; see
  :mod:`kit.__main__`), its ``--help-all``, which lists every setting, and
  ``--generate-config``, a config file with every setting commented out;
* a config file (``kit serve --config kit_config.py``, or ``.json``), in traitlets' own
  format: ``c.KitSettings.title = "Notes"``;
* the one way settings travel from a server to its kernels, and from a hub to each user's
  server: the environment variable ``KIT_CONFIG``, holding the settings as JSON
  (``{"KitSettings": {...}}``, the format of a ``.json`` config file).

Two settings can also come from an environment variable of their own, which people set by
hand: ``KIT_DATA_DIR`` (where the journal lives) and ``KIT_CONTENT_DIR`` (a content folder).
``KIT_CONFIG`` comes before them. No other module of the kit reads a ``KIT_`` variable (a
test in ``tests/test_architecture.py`` holds to it).
"""

from __future__ import annotations

import difflib
import functools
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from traitlets import Bool, Enum, Int, TraitError, Unicode, validate
from traitlets.config import Configurable

from .errors import KitError

CONFIG_VARIABLE = "KIT_CONFIG"
APP_NAME = "journal-kit"

DEFAULT_PORT = 8866
DEFAULT_IP = "127.0.0.1"
# Where "Quick exit" and the Escape key go: an everyday site that draws no attention.
DEFAULT_EXIT_URL = "https://www.bbc.com/weather"
# Someone may glance at the tab or the browser history; "Journal" tells them nothing.
DEFAULT_TITLE = "Journal"
TITLE_MAX = 60
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
PREHEAT_CHOICES = ("daily", "all", "none")
ROLES = ("client", "therapist")
# A kernel whose page was closed is shut down after this many idle seconds; Voila itself
# does not shut a kernel down when its tab closes.
CULL_IDLE_SECONDS = 600
CULL_IDLE_LEAST = 2
# A locked journal locks again after this many seconds without use (kit.widgets.app).
IDLE_LOCK_SECONDS = 15 * 60


class SettingsError(KitError, ValueError):
    """A setting that cannot be used, in words that name it (from a config file, the
    command line, a hub's configuration or ``KIT_CONFIG``)."""


def check_title(text: str) -> str:
    """A page title: plain, short, one line. Raise ValueError with a plain message."""
    title = " ".join(str(text).split())
    if not title:
        raise ValueError("the page title is empty")
    if len(title) > TITLE_MAX:
        raise ValueError(f"the page title is longer than {TITLE_MAX} characters")
    if any(ord(c) < 32 or ord(c) == 127 for c in title):
        raise ValueError("the page title has a control character in it")
    return title


def check_exit_url(text: str) -> str:
    """Where quick exit goes: a web address. Raise ValueError with a plain message."""
    url = str(text).strip()
    if not url.startswith(("https://", "http://")) or any(c.isspace() for c in url):
        raise ValueError(f"{text!r} is not a web address (https://...)")
    return url


def default_data_dir() -> Path:
    """The platform's folder for a person's journal, where no setting names another."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class KitSettings(Configurable):
    """Every setting of the kit: kit serve, kit hub-server and the pages."""

    # A setting's tags say how else it can be given: "option" (a kit serve option), "env"
    # (an environment variable of its own), "what" (what its value is, for a message about
    # a typo) and "hub" (set by configure_hub for each user).

    # Where kit serve listens, and what it serves.
    port = Int(
        DEFAULT_PORT, help="The port kit serve listens on."
    ).tag(config=True, option="--port", what="a port number", metavar="PORT")  # fmt: skip
    ip = Unicode(
        DEFAULT_IP,
        help="The address kit serve listens on: 127.0.0.1 is this machine only. On any "
        "other address, everyone who can reach it opens the same journal, and every page "
        "says so.",
    ).tag(config=True, option="--ip", metavar="ADDRESS")
    open_browser = Bool(
        False, help="Open a browser tab once kit serve is up."
    ).tag(config=True, option="--open")  # fmt: skip
    notebooks = Unicode(
        "", help="The folder of notebooks kit serve serves (empty: the kit's own)."
    ).tag(config=True, option="--notebooks", metavar="DIR")  # fmt: skip
    preheat = Enum(
        PREHEAT_CHOICES,
        "daily",
        help="Which pages wait with a kernel ready, so they open faster: the app (daily), "
        "the app and every single page's notebook too (all: about 60 MB each), or none.",
    ).tag(config=True, option="--preheat")
    cull_idle = Int(
        CULL_IDLE_SECONDS,
        help="Shut down a closed page's kernel after this many idle seconds (at least 2).",
    ).tag(config=True, option="--cull-idle", what="a number of seconds", metavar="SECONDS")

    # What every page shows around the notebook.
    title = Unicode(
        DEFAULT_TITLE,
        help="The title every page shows in the tab and the browser's history: plain and "
        f"neutral, one line of at most {TITLE_MAX} characters.",
    ).tag(config=True, option="--title", metavar="TITLE")
    exit_url = Unicode(
        DEFAULT_EXIT_URL,
        help="Where Quick exit and the Escape key go: an everyday web address.",
    ).tag(config=True, option="--exit-url", metavar="URL")

    # The journal and the words.
    data_dir = Unicode(
        "",
        help="The folder the journal lives in (empty: $KIT_DATA_DIR if it is set, else "
        "the platform's data folder).",
    ).tag(config=True, option="--data-dir", env="KIT_DATA_DIR", metavar="DIR", hub=True)
    content_dir = Unicode(
        "",
        help="A content folder holding only the files you change (worksheets, messages, "
        "pages, support lines, the journey; see docs/adapting.md), read over the kit's own "
        "(empty: $KIT_CONTENT_DIR if it is set, else the kit's own).",
    ).tag(config=True, option="--content", env="KIT_CONTENT_DIR", metavar="DIR")
    idle_lock = Int(
        IDLE_LOCK_SECONDS,
        help="Lock a locked journal again after this many seconds without use (0: never).",
    ).tag(config=True, option="--idle-lock", what="a number of seconds", metavar="SECONDS")

    # Set for each user by kit.app.hub.configure_hub.
    role = Enum(
        ROLES,
        "client",
        help="Whose server this is: a client's journal, or the therapist's inbox.",
    ).tag(config=True, hub=True)
    share_inbox = Unicode(
        "",
        help="A client's own folder in the therapist's inbox, where their shares go (empty: "
        "shares are downloads only). The host works the folder out, never the kit.",
    ).tag(config=True, hub=True)
    therapist_inbox = Unicode(
        "",
        help="The therapist's inbox, one folder per client; read on the therapist's server "
        "only (a client's server drops it).",
    ).tag(config=True, hub=True)
    allow_root = Bool(
        False,
        help="Let kit hub-server run as root: for a trial hub in a container only; a real "
        "hub runs each server as its user.",
    ).tag(config=True)

    @validate("port")
    def _port(self, proposal: Any) -> int:
        if not 1 <= proposal["value"] <= 65535:
            raise TraitError(f"{proposal['value']} is not a port number (1-65535)")
        return proposal["value"]

    @validate("cull_idle")
    def _cull_idle(self, proposal: Any) -> int:
        if proposal["value"] < CULL_IDLE_LEAST:
            raise TraitError(f"at least {CULL_IDLE_LEAST} seconds")
        return proposal["value"]

    @validate("idle_lock")
    def _idle_lock(self, proposal: Any) -> int:
        if proposal["value"] < 0:
            raise TraitError("0 (never) or more seconds")
        return proposal["value"]

    @validate("ip")
    def _ip(self, proposal: Any) -> str:
        ip = proposal["value"].strip()
        if not ip or any(c.isspace() for c in ip):
            raise TraitError(f"{proposal['value']!r} is not an address to listen on")
        return ip

    @validate("title")
    def _title(self, proposal: Any) -> str:
        return _trait_check(check_title, proposal["value"])

    @validate("exit_url")
    def _exit_url(self, proposal: Any) -> str:
        return _trait_check(check_exit_url, proposal["value"])

    @property
    def open_to_others(self) -> bool:
        """Whether kit serve listens where others can reach it (so they share the journal)."""
        return self.ip not in LOOPBACK

    def journal_dir(self) -> Path:
        """The journal's folder: the setting, else the platform's data folder."""
        chosen = self.data_dir.strip()
        return Path(chosen).expanduser() if chosen else default_data_dir()

    def given(self) -> dict[str, Any]:
        """The settings that differ from their defaults (what KIT_CONFIG carries)."""
        return {name: getattr(self, name) for name, trait in settings_traits().items()
                if getattr(self, name) != trait.default_value}  # fmt: skip

    def replace(self, **values: Any) -> KitSettings:
        """A copy with ``values`` changed (checked as every setting is)."""
        return make({**self.given(), **values})


def _trait_check(check: Any, value: str) -> str:
    try:
        return check(value)
    except ValueError as problem:
        raise TraitError(str(problem)) from None


@functools.cache
def settings_traits() -> dict[str, Any]:
    """Every setting's trait, by name, in alphabetical order (as traitlets lists them)."""
    return dict(KitSettings.class_traits(config=True))


def problem_words(name: str, value: Any, problem: Exception) -> str:
    """A plain sentence for a value a setting refused."""
    trait = settings_traits()[name]
    if isinstance(trait, Enum):
        return f"{value!r} is not one of: {', '.join(map(str, trait.values or ()))}"
    what = trait.metadata.get("what")
    if isinstance(trait, Int) and (isinstance(value, bool) or not isinstance(value, int)):
        return f"{value!r} is not {what or 'a whole number'}"
    if isinstance(trait, Bool) and not isinstance(value, bool):
        return f"{value!r} is not true or false"
    if isinstance(trait, Unicode) and not isinstance(value, str):
        return f"{value!r} is not text"
    return str(problem)


def per_user() -> frozenset[str]:
    """The settings a hub sets for each user (their folders and role), never for all."""
    return frozenset(name for name, trait in settings_traits().items() if trait.metadata.get("hub"))


def _set(settings: KitSettings, name: str, value: Any) -> None:
    """Set one setting, or raise SettingsError with why it cannot be used, in words."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    try:
        setattr(settings, name, value)
    except TraitError as problem:
        raise SettingsError(problem_words(name, value, problem)) from None


def check_value(name: str, value: Any) -> Any:
    """``value`` as the setting ``name`` keeps it (a title's spaces made single, say), or
    SettingsError saying in words why it cannot be used."""
    settings = KitSettings()
    _set(settings, name, value)
    return getattr(settings, name)


def make(values: Mapping[str, Any], where: str = "") -> KitSettings:
    """Settings from ``values`` (names to values), every one checked: an unknown name (with
    the nearest known one) or a value a setting refuses raises SettingsError in words,
    naming ``where`` the values came from."""
    known = settings_traits()
    prefix = f"{where}: " if where else ""
    for name in values:
        if name not in known:
            near = difflib.get_close_matches(str(name), known, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            raise SettingsError(f"{prefix}there is no setting {name!r}{hint}")
    settings = KitSettings()
    for name, value in values.items():
        try:
            _set(settings, name, value)
        except SettingsError as problem:
            raise SettingsError(f"{prefix}{name}: {problem}") from None
    return settings


def from_config(config: Mapping[str, Any], where: str) -> KitSettings:
    """Settings from a traitlets config (``{"KitSettings": {...}}``): nothing but that
    section, or SettingsError naming what else is there."""
    other = [str(section) for section in config if section != KitSettings.__name__]
    if other:
        raise SettingsError(
            f"{where}: only KitSettings can be set here, not {', '.join(sorted(other))}"
        )
    section = config.get(KitSettings.__name__, {})
    if not isinstance(section, Mapping):
        raise SettingsError(f"{where}: KitSettings is not a set of settings")
    return make(dict(section), where)


def load_file(path: Path) -> KitSettings:
    """Settings from a config file: Python (``c.KitSettings.title = "Notes"``) or JSON
    (``{"KitSettings": {"title": "Notes"}}``), read with traitlets' own loaders."""
    from traitlets.config.loader import ConfigFileNotFound, JSONFileConfigLoader, PyFileConfigLoader

    path = Path(path).expanduser()
    loader_class = JSONFileConfigLoader if path.suffix.lower() == ".json" else PyFileConfigLoader
    loader = loader_class(path.name, path=str(path.parent.resolve()))
    try:
        config = loader.load_config()
    except ConfigFileNotFound:
        raise SettingsError(f"the config file {path} was not found") from None
    except Exception as problem:  # a syntax error, bad JSON, code that fails: all in words
        raise SettingsError(f"the config file {path} could not be read: {problem}") from None
    return from_config(config, str(path))


def encode(settings: KitSettings | Mapping[str, Any]) -> str:
    """The settings as ``KIT_CONFIG`` carries them: only those that differ from their
    defaults, as JSON in the format of a config file."""
    given = settings.given() if isinstance(settings, KitSettings) else dict(make(settings).given())
    return json.dumps({KitSettings.__name__: given}, sort_keys=True)


def environment(**values: Any) -> dict[str, str]:
    """The environment that gives a server (and its kernels) these settings."""
    return {CONFIG_VARIABLE: encode(values)}


def decode(text: str) -> KitSettings:
    """Settings from ``KIT_CONFIG``'s text, checked whole."""
    try:
        config = json.loads(text)
    except ValueError as problem:
        raise SettingsError(f"{CONFIG_VARIABLE} is not JSON: {problem}") from None
    if not isinstance(config, dict):
        raise SettingsError(f"{CONFIG_VARIABLE} is not a set of settings")
    return from_config(config, CONFIG_VARIABLE)


def current() -> KitSettings:
    """The settings in use in this process: ``KIT_CONFIG`` over ``KIT_DATA_DIR`` and
    ``KIT_CONTENT_DIR`` over the defaults. Read once per value of those variables and
    shared: read it, never change it (:meth:`KitSettings.replace` gives a changed copy)."""
    env = os.environ
    own = tuple(
        (name, env.get(trait.metadata["env"], "").strip())
        for name, trait in settings_traits().items()
        if "env" in trait.metadata
    )
    return _current(env.get(CONFIG_VARIABLE, "").strip(), own)


@functools.lru_cache(maxsize=8)
def _current(config: str, own: tuple[tuple[str, str], ...]) -> KitSettings:
    settings = make({name: value for name, value in own if value})
    if config:
        settings = make({**settings.given(), **decode(config).given()})
    return settings


def use(settings: KitSettings) -> None:
    """Use ``settings`` from now on, in this process and every process it starts (a
    server's kernels inherit them through ``KIT_CONFIG``)."""
    os.environ[CONFIG_VARIABLE] = encode(settings)


def describe(width: int = 79) -> str:
    """Every setting, with its help, its default and every way it can be given, for
    ``kit serve --help-all``."""
    import textwrap

    lines = ["Every setting (in a config file as c.KitSettings.<name>, see --config):", ""]
    for name, trait in settings_traits().items():
        ways = [trait.metadata["option"]] if "option" in trait.metadata else []
        if "env" in trait.metadata:
            ways.append(f"${trait.metadata['env']}")
        if trait.metadata.get("hub"):
            ways.append("set for each user by a hub")
        lines.append(f"{name}" + (f"  ({', '.join(ways)})" if ways else ""))
        lines += textwrap.wrap(trait.help, width, initial_indent="    ", subsequent_indent="    ")
        lines.append(f"    Default: {trait.default_value!r}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def generate_config() -> str:
    """A config file with every setting, its help and its default, commented out."""
    return KitSettings.class_config_section()
