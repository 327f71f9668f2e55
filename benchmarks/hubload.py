"""A load test on a real hub: many clients at once on JupyterHub with the kit's configuration.

Run:  .venv/bin/python benchmarks/hubload.py --clients 2,5,10,20 --browsers 1 [--json FILE]

This is not part of `make test` (tests/hub/test_load.py runs a short version: three clients).
It starts JupyterHub from deploy/local/jupyterhub_config.py with configurable-http-proxy, as
support/hub.py does for the tests (the dummy log-in, one password, SimpleLocalProcessSpawner, every
client's journal in a folder of its own under the hub's state folder), and then, for each N
in --clients, N new client users at the same moment. Each client:

1. logs in (the hub's log-in form, with its _xsrf cookie), has its server started and waits
   for it (the hub's progress stream, as the spawn-pending page does);
2. opens the app (``/user/<name>/voila/render/app.ipynb``: Voila runs the notebook while it
   answers) and connects to the page's kernel;
3. unlocks the journal (every client's journal is locked with a passphrase beforehand);
4. saves a check-in (a mood, and a note with a marker of its own, on page 14);
5. opens the trends page (15) and waits for its first chart;
6. leaves (quick exit: the journal's key is dropped, the page's kernel shut down).

Most clients are light ones: an HTTP session (httpx) and the kernel's websocket, speaking the
Jupyter widget protocol as the page's JavaScript does (the widgets' states come from the
``jupyter.widget.control`` comm; the route, a passphrase, a mood and a note are ``update``
messages, a button press is a ``custom`` click), so that N can reach the hundreds on one
machine. ``--browsers`` of them are headless Chromium (Playwright) through the real page.

Time to a usable page is from the log-in to the app asking for the passphrase: for a light
client, the HTTP render done, the websocket connected, the widgets' states read and the
kernel's answer to the page's route (the passphrase field); for a browser, that field visible.

Afterwards every client's journal is opened with the passphrase and its check-ins read: the
saves each client saw done must all be in its own journal (by their markers), and no marker
of one client may be in another's. For each N the report gives time to usable (median, 95th
percentile, slowest), the other steps' times, saves made and found, the resident memory of
each client's server and page kernel (sampled on the trends page, before leaving), and the
machine's CPU over the step (/proc/stat). The ramp stops after a step in which a client
failed a step, a save went missing or astray, or the slowest client waited longer than
--slowest seconds (30) for a usable page; and before a step whose servers and kernels the
machine's available memory could not hold (judged from the step before). Between steps
every server is stopped. Progress goes to stderr, the table to stdout.

``--signed-up 200 --over 600 --cull-servers 60`` runs the other measure instead: 200 client
users, each arriving once at a random moment in the 600 s and doing the same visit, with
nobody stopping their servers but the hub's idle culler (jupyterhub-idle-culler, here after
60 s). It samples every 5 s how many servers are running and their memory (servers and
kernels together), waits for the culler to stop the last, and checks the saves as above.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import shutil
import statistics
import struct
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # support/: the hub and browser settings the tests use too

from support.hub import PASSWORD, Hub, proxy_command  # noqa: E402
from support.tools import CHROMIUM, chromium  # noqa: E402

PASSPHRASE = "kettle garden tuesday"  # noqa: S105 - a made-up passphrase for made-up journals
CHECK_IN = "14"
TRENDS = "15"
APP = "app.ipynb"
SLOWEST = 30.0
CLIENT_TIMEOUT = 300.0  # a client not done by then has failed
CHART_TIMEOUT = 60.0
MEMORY_SHARE = 0.8  # a step may plan to use this much of the memory available at most
ZONE = "Europe/London"
CONTROL_PROTOCOL = "1.0.0"  # ipywidgets 8's jupyter.widget.control comm
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
STARTED = time.monotonic()


def say(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.0f}s] {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (``share`` 0.95 for the 95th)."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, -(-len(ordered) * share // 1))  # ceil(n * share)
    return ordered[int(rank) - 1]


def summary(values: list[float | None]) -> dict[str, float | None]:
    found = [v for v in values if v is not None]
    if not found:
        return {"median": None, "p95": None, "max": None}
    return {"median": statistics.median(found), "p95": percentile(found, 0.95), "max": max(found)}


# --- one client's visit ------------------------------------------------------------------


class StepFailed(Exception):
    """A client could not do one of its steps; the message says which and why."""


@dataclass
class Visit:
    """What one client did and how long each step took (seconds from its start)."""

    name: str
    kind: str  # "light" or "browser"
    ok: bool = False
    step: str = "log in"  # the step being done (the failed one, if not ok)
    error: str = ""
    times: dict[str, float] = field(default_factory=dict)
    saves: list[str] = field(default_factory=list)  # markers of the saves seen done
    retries: int = 0  # "too many users starting" answers from the hub, tried again
    kernel_id: str = ""
    server_mb: float | None = None
    kernel_mb: float | None = None
    server_cpu: float | None = None  # CPU seconds the server had used when the visit ended
    kernel_cpu: float | None = None  # and the page kernel
    kernel_sockets: str = ""  # how the kernel talks to its server ("ipc", "tcp") ...
    sockets_private: bool | None = None  # ... and whether their folder is the server's alone

    @property
    def usable(self) -> float | None:
        return self.times.get("usable")


def marker(name: str, k: int) -> str:
    return f"hubload-{name}-save{k}"


class Clock:
    def __init__(self, visit: Visit) -> None:
        self.visit = visit
        self.start = time.monotonic()

    def step(self, step: str) -> None:
        self.visit.step = step

    def done(self, what: str) -> float:
        self.visit.times[what] = round(time.monotonic() - self.start, 3)
        return self.visit.times[what]


# --- the processes: servers and kernels ------------------------------------------------


class Processes:
    """Each client's server (a child of the hub, known by JUPYTERHUB_USER) and page kernel (a
    child of that server, known by its kernel id), and their resident memory."""

    def __init__(self, hub_pid: int) -> None:
        self.hub_pid = hub_pid
        self.servers: dict[str, int] = {}

    def _refresh(self) -> None:
        import psutil

        found: dict[str, int] = {}
        with contextlib.suppress(psutil.Error):
            for child in psutil.Process(self.hub_pid).children():
                with contextlib.suppress(psutil.Error):
                    user = child.environ().get("JUPYTERHUB_USER")
                    if user:
                        found[user] = child.pid
        self.servers = found

    def server(self, name: str) -> int | None:
        if name not in self.servers:
            self._refresh()
        return self.servers.get(name)

    def measure(self, visit: Visit) -> None:
        """Note the client's server's and page kernel's resident memory (MB) and the CPU
        seconds each has used so far."""
        import psutil

        pid = self.server(visit.name)
        if pid is None:
            return
        with contextlib.suppress(psutil.Error):
            server = psutil.Process(pid)
            visit.server_mb = server.memory_info().rss / 2**20
            visit.server_cpu = round(_cpu_seconds(server), 2)
            for child in server.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    if visit.kernel_id and any(visit.kernel_id in p for p in child.cmdline()):
                        visit.kernel_mb = child.memory_info().rss / 2**20
                        visit.kernel_cpu = round(_cpu_seconds(child), 2)
                        _note_sockets(visit, child.cmdline())

    def rss_mb(self, pid: int) -> float | None:
        import psutil

        try:
            return psutil.Process(pid).memory_info().rss / 2**20
        except psutil.Error:
            return None


def _note_sockets(visit: Visit, command: list[str]) -> None:
    """The kernel's transport, from its connection file (``-f FILE`` on its command line),
    and whether that file's folder is closed to every account but the server's own."""
    with contextlib.suppress(ValueError, IndexError, OSError, json.JSONDecodeError):
        connection = Path(command[command.index("-f") + 1])
        visit.kernel_sockets = json.loads(connection.read_text()).get("transport", "")
        visit.sockets_private = connection.parent.stat().st_mode & 0o077 == 0


def _cpu_seconds(process: Any) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    total = sum(fields[:8])  # guest time is already in user and nice
    return total - idle, total


# --- the widget protocol ---------------------------------------------------------------


def unpack_binary(frame: bytes) -> dict[str, Any]:
    """A message in the Jupyter server's legacy binary websocket format (a message with
    buffers): the number of parts, their offsets, the JSON message, then the buffers."""
    count = struct.unpack("!I", frame[:4])[0]
    offsets = [*struct.unpack("!" + "I" * count, frame[4 : 4 * (count + 1)]), len(frame)]
    parts = [frame[offsets[i] : offsets[i + 1]] for i in range(count)]
    message = json.loads(parts[0])
    message["buffers"] = parts[1:]
    return message


class Widgets:
    """The kernel's widget models as a page's widget manager sees them."""

    def __init__(self) -> None:
        self.models: dict[str, dict[str, Any]] = {}  # id -> {"name": model name, "state": ...}

    def add(self, model_id: str, name: str, state: dict[str, Any]) -> None:
        self.models[model_id] = {"name": name, "state": dict(state)}

    def update(self, model_id: str, state: dict[str, Any]) -> None:
        if model_id in self.models:
            self.models[model_id]["state"].update(state)

    def state(self, model_id: str) -> dict[str, Any]:
        return self.models[model_id]["state"]

    def children(self, model_id: str) -> list[str]:
        found = self.models.get(model_id, {}).get("state", {}).get("children") or []
        return [c.removeprefix("IPY_MODEL_") for c in found if isinstance(c, str)]

    def walk(self, model_id: str) -> Iterator[str]:
        """The model and every model under it (children, in order), depth first."""
        yield model_id
        for child in self.children(model_id):
            if child in self.models:
                yield from self.walk(child)

    def with_class(self, css: str, under: str | None = None) -> list[str]:
        ids = self.walk(under) if under else iter(list(self.models))
        return [i for i in ids if css in (self.models[i]["state"].get("_dom_classes") or [])]

    def first(self, css: str, model: str | None = None, under: str | None = None) -> str | None:
        """The first model under the one with class ``css`` (itself included) that is a
        ``model`` (a model name such as "ButtonModel"), or that one itself."""
        for top in self.with_class(css, under):
            for i in self.walk(top):
                if model is None or self.models[i]["name"] == model:
                    return i
        return None

    def with_state(self, key: str) -> str | None:
        return next((i for i, m in self.models.items() if key in m["state"]), None)


class KernelSocket:
    """The page's kernel websocket, speaking the widget protocol."""

    def __init__(self, socket: Any, username: str) -> None:
        self.socket = socket
        self.session = uuid.uuid4().hex
        self.username = username
        self.widgets = Widgets()
        self.control = uuid.uuid4().hex
        self.idle: dict[str, asyncio.Event] = {}
        self.changed = asyncio.Event()  # set after every message read
        self.states_read = asyncio.Event()
        self.closed: str | None = None
        self.reader = asyncio.create_task(self._read())

    def _message(
        self, msg_type: str, content: dict[str, Any], metadata: dict[str, Any]
    ) -> dict[str, Any]:
        header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": self.username,
                  "session": self.session, "version": "5.3",
                  "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}  # fmt: skip
        return {"header": header, "parent_header": {}, "metadata": metadata, "content": content,
                "channel": "shell", "buffers": []}  # fmt: skip

    async def send(
        self, msg_type: str, content: dict[str, Any], metadata: dict[str, Any] | None = None
    ) -> str:
        message = self._message(msg_type, content, metadata or {})
        msg_id = message["header"]["msg_id"]
        self.idle[msg_id] = asyncio.Event()
        await self.socket.send(json.dumps(message))
        return msg_id

    async def comm(self, comm_id: str, data: dict[str, Any]) -> str:
        return await self.send("comm_msg", {"comm_id": comm_id, "data": data})

    async def update(self, model_id: str, **state: Any) -> str:
        self.widgets.update(model_id, state)
        return await self.comm(model_id, {"method": "update", "state": state, "buffer_paths": []})

    async def click(self, model_id: str) -> str:
        return await self.comm(model_id, {"method": "custom", "content": {"event": "click"}})

    async def read_states(self) -> None:
        """What a widget manager does on connecting: open the control comm and ask for every
        widget's state."""
        opening = {"comm_id": self.control, "data": {}, "target_name": "jupyter.widget.control"}
        await self.send("comm_open", opening, {"version": CONTROL_PROTOCOL})
        await self.comm(self.control, {"method": "request_states"})
        await self.states_read.wait()

    async def wait_idle(self, msg_id: str) -> None:
        """Until the kernel has handled that message (its status went idle after it)."""
        await self.idle[msg_id].wait()

    async def until(self, found: Callable[[], Any], timeout: float, what: str) -> Any:
        """Wait, reading the kernel's messages, until ``found()`` is true; returns it."""
        deadline = time.monotonic() + timeout
        while True:
            value = found()
            if value:
                return value
            if self.closed is not None:
                raise StepFailed(f"the websocket closed while waiting for {what}: {self.closed}")
            left = deadline - time.monotonic()
            if left <= 0:
                raise StepFailed(f"no {what} within {timeout:g}s")
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), left)

    async def _read(self) -> None:
        try:
            async for frame in self.socket:
                message = unpack_binary(frame) if isinstance(frame, bytes) else json.loads(frame)
                self._handle(message)
                self.changed.set()
        except Exception as problem:  # the reason is kept for the report
            self.closed = f"{type(problem).__name__}: {problem}"
        else:
            self.closed = "closed by the server"
        self.changed.set()

    def _handle(self, message: dict[str, Any]) -> None:
        kind = message.get("msg_type") or message["header"]["msg_type"]
        content = message.get("content", {})
        parent = (message.get("parent_header") or {}).get("msg_id")
        if kind == "status" and content.get("execution_state") == "idle" and parent in self.idle:
            self.idle[parent].set()
        elif kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            data = content.get("data", {})
            state = data.get("state", {})
            self.widgets.add(content["comm_id"], state.get("_model_name", ""), state)
        elif kind == "comm_close":
            self.widgets.models.pop(content.get("comm_id"), None)
        elif kind == "comm_msg":
            data = content.get("data", {})
            method = data.get("method")
            if content.get("comm_id") == self.control and method == "update_states":
                for model_id, model in data.get("states", {}).items():
                    self.widgets.add(model_id, model.get("model_name", ""), model.get("state", {}))
                self.states_read.set()
            elif method in ("update", "echo_update"):
                self.widgets.update(content.get("comm_id"), data.get("state", {}))

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.socket.close()
        self.reader.cancel()
        with contextlib.suppress(BaseException):
            await self.reader


def _cookie(client: Any, name: str, path_prefix: str) -> str | None:
    for cookie in client.cookies.jar:
        if cookie.name == name and path_prefix.startswith(cookie.path.rstrip("/") or "/"):
            return cookie.value
    return None


def _cookie_header(client: Any, path: str) -> str:
    return "; ".join(
        f"{c.name}={c.value}"
        for c in client.cookies.jar
        if path.startswith(c.path.rstrip("/") + "/") or c.path == "/"
    )


async def start_server(client: Any, name: str, visit: Visit, deadline: float) -> None:
    """Have the hub start the user's server, and wait until it is ready (the progress stream
    the spawn-pending page reads). A hub starting too many servers at once answers 429; a
    person would try again, and so does this, after a moment."""
    xsrf = {"X-XSRFToken": _cookie(client, "_xsrf", "/hub/") or ""}
    while True:
        answer = await client.post(f"/hub/api/users/{name}/server", headers=xsrf)
        if answer.status_code in (201, 202, 400):  # 400: already running (or starting)
            break
        if answer.status_code == 429 and time.monotonic() < deadline:
            visit.retries += 1
            await asyncio.sleep(float(answer.headers.get("Retry-After", 2)))
            continue
        raise StepFailed(f"starting the server: HTTP {answer.status_code} {answer.text[:200]}")
    if answer.status_code == 201:
        return
    url = f"/hub/api/users/{name}/server/progress"
    async with client.stream("GET", url, headers=xsrf, timeout=None) as stream:
        async for line in stream.aiter_lines():
            if not line.startswith("data:"):
                continue
            event = json.loads(line[5:])
            if event.get("ready"):
                return
            if event.get("failed"):
                raise StepFailed(f"the server did not start: {event.get('message')}")
            if time.monotonic() > deadline:
                break
    raise StepFailed("the server did not become ready")


async def light_client(hub: Hub, visit: Visit, saves: int, processes: Processes) -> Visit:
    """One client, as HTTP requests and the widget protocol on the kernel's websocket."""
    import httpx
    from websockets.asyncio.client import connect

    name = visit.name
    clock = Clock(visit)
    deadline = clock.start + CLIENT_TIMEOUT
    socket: KernelSocket | None = None
    limits = httpx.Limits(max_connections=4)
    async with httpx.AsyncClient(base_url=hub.url, timeout=CLIENT_TIMEOUT, limits=limits) as client:
        try:
            await client.get("/hub/login")
            form = {"username": name, "password": PASSWORD,
                    "_xsrf": _cookie(client, "_xsrf", "/hub/") or ""}  # fmt: skip
            answer = await client.post("/hub/login", data=form)
            if answer.status_code != 302 or "/hub/login" in answer.headers.get("location", ""):
                raise StepFailed(f"log-in refused: HTTP {answer.status_code}")
            clock.done("login")

            clock.step("start the server")
            await start_server(client, name, visit, deadline)
            clock.done("spawn")

            clock.step("open the app")
            base = f"/user/{name}/"
            answer = await client.get(f"{base}voila/render/{APP}", follow_redirects=True)
            if answer.status_code != 200 or "jupyter-config-data" not in answer.text:
                raise StepFailed(f"the app page: HTTP {answer.status_code} at {answer.url}")
            visit.kernel_id = _config(answer.text)["kernelId"]
            clock.done("render")
            # What router.js does: fetch the file list for the server's _xsrf cookie.
            await client.get(f"{base}voila/tree", follow_redirects=True)

            path = f"{base}api/kernels/{visit.kernel_id}/channels"
            url = hub.url.replace("http", "ws", 1) + path + f"?session_id={uuid.uuid4()}"
            headers = {"Cookie": _cookie_header(client, path)}
            raw = await connect(url, additional_headers=headers, origin=hub.url,
                                max_size=None, open_timeout=CLIENT_TIMEOUT)  # fmt: skip
            socket = KernelSocket(raw, name)
            await asyncio.wait_for(socket.read_states(), CLIENT_TIMEOUT)
            clock.done("ws")
            widgets = socket.widgets

            # The page's router reports the browser's languages, zone and route (#14).
            router = widgets.with_state("route")
            if router is None:
                raise StepFailed("no router among the page's widgets")
            await socket.update(router, languages=["en-GB", "en"], zone=ZONE, route=CHECK_IN)
            password = await socket.until(
                lambda: widgets.first("kit-unlock", "PasswordModel", _content(widgets)),
                _left(deadline), "passphrase field",
            )  # fmt: skip
            clock.done("usable")

            clock.step("unlock")
            button = widgets.first("kit-unlock", "ButtonModel", _content(widgets))
            await socket.update(password, value=PASSPHRASE)
            await socket.click(button)
            form = await socket.until(
                lambda: widgets.first("kit-sheet-check-in", None, _content(widgets)),
                _left(deadline), "check-in page",
            )  # fmt: skip
            clock.done("unlocked")

            clock.step("save a check-in")
            for k in range(saves):
                mood = widgets.first("kit-field-mood", "ToggleButtonsModel", form)
                note = widgets.first("kit-field-note", "TextareaModel", form)
                save = widgets.first("kit-save", "ButtonModel", form)
                status = widgets.first("kit-status", "LabelModel", form)
                if not all((mood, note, save, status)):
                    raise StepFailed("the check-in form lacks its mood, note or Save")
                await socket.update(mood, index=(k + 4) % 10)
                await socket.update(note, value=marker(name, k))
                widgets.update(status, {"value": ""})
                await socket.wait_idle(await socket.click(save))
                said = await socket.until(
                    lambda status=status: widgets.state(status).get("value"),
                    _left(deadline), "save status",
                )  # fmt: skip
                if not said.startswith("Saved"):
                    raise StepFailed(f"Save said {said!r}")
                visit.saves.append(marker(name, k))
            clock.done("saved")

            clock.step("open the trends page")
            await socket.update(router, route=TRENDS)
            await socket.until(
                lambda: widgets.state(router).get("shown") == TRENDS
                and widgets.first(f"kit-page-{TRENDS}", None, _content(widgets)),
                _left(deadline), "trends page",
            )  # fmt: skip
            clock.done("trends")
            with contextlib.suppress(StepFailed):
                await socket.until(lambda: _chart(widgets), CHART_TIMEOUT, "chart")
                clock.done("chart")
            processes.measure(visit)

            clock.step("leave")
            await socket.wait_idle(await socket.update(router, leaving=True))
            await socket.close()
            socket = None
            # Voila's page shuts its kernel down as it goes.
            xsrf = _cookie(client, "_xsrf", base) or ""
            answer = await client.delete(f"{base}api/kernels/{visit.kernel_id}",
                                         headers={"X-XSRFToken": xsrf})  # fmt: skip
            if answer.status_code != 204:
                raise StepFailed(f"shutting the kernel down: HTTP {answer.status_code}")
            clock.done("left")
            visit.ok = True
        except Exception as problem:  # a failed step is a result
            visit.error = f"{type(problem).__name__}: {problem}"
        finally:
            if socket is not None:
                await socket.close()
    return visit


def _left(deadline: float) -> float:
    return max(0.1, deadline - time.monotonic())


def _config(page: str) -> dict[str, Any]:
    start = page.index(">", page.index('id="jupyter-config-data"')) + 1
    return json.loads(page[start : page.index("</script>", start)])


def _content(widgets: Widgets) -> str | None:
    """The app's box holding the page in view: only what is in it is on the screen."""
    found = widgets.with_class("kit-content")
    return found[0] if found else None


def _chart(widgets: Widgets) -> bool:
    """A chart drawn on the page in view (a plotly figure in an Output's outputs)."""
    top = _content(widgets)
    for model_id in widgets.walk(top) if top else ():
        for output in widgets.state(model_id).get("outputs") or ():
            if "application/vnd.plotly.v1+json" in (output.get("data") or {}):
                return True
    return False


# --- a browser client --------------------------------------------------------------------

USABLE_JS = """() => {
  const field = document.querySelector('.kit-unlock input[type=password]');
  return !!field && !field.disabled && field.getBoundingClientRect().width > 0;
}"""
KERNEL_ID_JS = """() => {
  const config = document.getElementById("jupyter-config-data");
  return config ? JSON.parse(config.textContent).kernelId || null : null;
}"""


async def browser_client(browser: Any, hub: Hub, visit: Visit, saves: int,
                         processes: Processes) -> Visit:  # fmt: skip
    """One client in headless Chromium, through the real pages."""
    import re

    from playwright.async_api import expect

    name = visit.name
    clock = Clock(visit)
    timeout_ms = CLIENT_TIMEOUT * 1000
    context = await browser.new_context(viewport={"width": 1100, "height": 900})
    context.set_default_timeout(timeout_ms)
    # Quick exit goes to a weather page; this machine may not reach it.
    await context.route("https://**/*", lambda route: route.fulfill(body="Weather"))
    try:
        page = await context.new_page()
        await page.goto(f"{hub.url}/hub/login")
        await page.fill("input[name=username]", name)
        await page.fill("input[name=password]", PASSWORD)
        await page.click("#login_submit")
        clock.done("login")
        clock.step("open the app")
        app = re.compile(rf"/user/{name}/voila/render/app\.ipynb")
        await page.wait_for_url(app, wait_until="commit")
        clock.done("spawn")
        await page.wait_for_load_state("domcontentloaded")
        clock.done("render")
        visit.kernel_id = await page.evaluate(KERNEL_ID_JS) or ""
        await page.wait_for_function(USABLE_JS, timeout=timeout_ms, polling=100)
        clock.done("usable")

        clock.step("unlock")
        unlock = page.locator(".kit-unlock")
        await unlock.locator("input[type=password]").fill(PASSPHRASE)
        await unlock.get_by_role("button", name="Open", exact=True).click()
        await page.locator(".kit-page-00").wait_for()
        await page.evaluate(f"() => {{ location.hash = '{CHECK_IN}'; }}")
        form = page.locator(".kit-sheet-check-in")
        await form.locator(".kit-save").wait_for()
        clock.done("unlocked")

        clock.step("save a check-in")
        status = form.locator(".kit-status")
        for k in range(saves):
            await form.locator(".kit-field-mood button").nth((k + 4) % 10).click()
            note = form.locator(".kit-field-note textarea")
            await note.fill(marker(name, k))
            await note.blur()
            # The edits are kept as a draft (the status says so) before Save is pressed, so
            # that an earlier save's "Saved" is not taken for this one's.
            await expect(status).not_to_have_text(re.compile(r"^Saved"), timeout=timeout_ms)
            await form.locator(".kit-save").click()
            await expect(status).to_have_text(re.compile(r"^Saved"), timeout=timeout_ms)
            visit.saves.append(marker(name, k))
        clock.done("saved")

        clock.step("open the trends page")
        await page.evaluate(f"() => {{ location.hash = '{TRENDS}'; }}")
        await page.locator(f".kit-page-{TRENDS}").wait_for()
        clock.done("trends")
        with contextlib.suppress(Exception):
            await page.locator(f".kit-page-{TRENDS} .js-plotly-plot").first.wait_for(
                timeout=CHART_TIMEOUT * 1000
            )
            clock.done("chart")
        processes.measure(visit)

        clock.step("leave")
        await page.locator("#kit-exit").click()
        await page.wait_for_url(re.compile(r"^https://"))
        clock.done("left")
        visit.ok = True
    except Exception as problem:  # a failed step is a result
        visit.error = f"{type(problem).__name__}: {str(problem).splitlines()[0][:300]}"
    finally:
        with contextlib.suppress(Exception):
            await context.close()
    return visit


# --- the journals ------------------------------------------------------------------------


def journal_folder(hub: Hub, name: str) -> Path:
    from kit.app.hub import folder_name

    return hub.state / "journals" / folder_name(name)


def locked_journal(folder: Path) -> Path:
    """A new journal locked with PASSPHRASE, made once and copied for every client (locking
    derives two keys, a good part of a second each)."""
    import kit

    with kit.open_journal(folder, passphrase=PASSPHRASE) as journal:
        return journal.path


def give_journals(hub: Hub, names: list[str], template: Path) -> None:
    for name in names:
        folder = journal_folder(hub, name)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.copy2(template, folder / template.name)


def saves_found(hub: Hub, names: list[str]) -> dict[str, list[str]]:
    """Every check-in note in each client's journal, opened with the passphrase."""
    import kit

    found: dict[str, list[str]] = {}
    for name in names:
        with kit.open_journal(journal_folder(hub, name), passphrase=PASSPHRASE) as journal:
            found[name] = [str(r.answers.get("note", "")) for r in journal.history("check-in")]
    return found


def check_saves(visits: list[Visit], found: dict[str, list[str]]) -> list[str]:
    """What went missing or astray: each client's saves in its own journal, exactly, and
    nothing of anyone's in another's."""
    problems = []
    owner = {m: v.name for v in visits for m in v.saves}
    for visit in visits:
        notes = found.get(visit.name, [])
        missing = [m for m in visit.saves if m not in notes]
        if missing:
            problems.append(f"{visit.name}: saved but not found: {missing}")
        if len(notes) != len(visit.saves):
            problems.append(f"{visit.name}: {len(visit.saves)} saves made, {len(notes)} found")
        for note in notes:
            if note.startswith("hubload-") and owner.get(note, visit.name) != visit.name:
                problems.append(f"{visit.name}'s journal holds {owner[note]}'s save {note}")
            elif note not in visit.saves:
                problems.append(f"{visit.name}'s journal holds a check-in it did not save: {note}")
    return problems


# --- one step of the ramp -----------------------------------------------------------------


@dataclass
class Step:
    clients: int
    browsers: int
    seconds: float = 0.0
    ok: bool = False
    failed: list[str] = field(default_factory=list)
    usable: dict[str, float | None] = field(default_factory=dict)
    steps: dict[str, dict[str, float | None]] = field(default_factory=dict)
    saves_made: int = 0
    saves_found: int = 0
    save_problems: list[str] = field(default_factory=list)
    server_mb: dict[str, float | None] = field(default_factory=dict)
    kernel_mb: dict[str, float | None] = field(default_factory=dict)
    server_cpu: dict[str, float | None] = field(default_factory=dict)  # CPU seconds a visit
    kernel_cpu: dict[str, float | None] = field(default_factory=dict)
    hub_mb: float | None = None
    proxy_mb: float | None = None
    hub_cpu: float | None = None  # CPU seconds the hub and the proxy used over the step
    proxy_cpu: float | None = None
    cpu_busy: float | None = None  # share of all cores, over the step
    harness_cpu: float | None = None  # the part of it this script's own process took
    load_average: list[float] = field(default_factory=list)  # 1, 5, 15 min: before, after
    memory_total_mb: float | None = None  # every client's server and kernel, summed
    retries: int = 0
    visits: list[dict[str, Any]] = field(default_factory=list)


async def one_visit(hub: Hub, name: str, browser: Any, saves: int,
                    processes: Processes) -> Visit:  # fmt: skip
    """One client's visit, in Chromium if a browser is given, else as a light client. A
    visit not done in time is reported with the step it was stuck at."""
    visit = Visit(name, "light" if browser is None else "browser")
    if browser is None:
        doing = light_client(hub, visit, saves, processes)
    else:
        doing = browser_client(browser, hub, visit, saves, processes)
    try:
        return await asyncio.wait_for(doing, CLIENT_TIMEOUT + 30)
    except TimeoutError:
        visit.ok = False
        visit.error = f"not done in {CLIENT_TIMEOUT + 30:g}s"
        return visit


def step_names(clients: int) -> list[str]:
    return [f"n{clients}c{i:03d}" for i in range(clients)]


async def run_step(
    hub: Hub, clients: int, browsers: int, saves: int, template: Path, spread: float
) -> Step:
    names = step_names(clients)
    give_journals(hub, names, template)
    processes = Processes(hub.process.pid)
    step = Step(clients, min(browsers, clients))

    async def later(index: int, name: str, browser: Any) -> Visit:
        await asyncio.sleep(spread * index / max(1, clients))
        return await one_visit(hub, name, browser if index < step.browsers else None, saves,
                               processes)  # fmt: skip

    browser_context = chromium() if step.browsers else contextlib.nullcontext(None)
    async with browser_context as browser:
        step.load_average = list(os.getloadavg())
        busy0, total0 = cpu_times()
        hub0, proxy0 = _hub_cpu(hub.process.pid)
        own0 = time.process_time()
        began = time.monotonic()
        jobs = [later(i, name, browser) for i, name in enumerate(names)]
        visits: list[Visit] = list(await asyncio.gather(*jobs))
        step.seconds = round(time.monotonic() - began, 1)
        busy1, total1 = cpu_times()
        hub1, proxy1 = _hub_cpu(hub.process.pid)
        own = time.process_time() - own0
    step.hub_cpu, step.proxy_cpu = round(hub1 - hub0, 2), round(proxy1 - proxy0, 2)
    step.cpu_busy = round((busy1 - busy0) / max(1, total1 - total0), 3)
    step.harness_cpu = round(own / max(0.1, step.seconds) / (os.cpu_count() or 1), 3)
    step.load_average += list(os.getloadavg())
    step.hub_mb = processes.rss_mb(hub.process.pid)
    step.proxy_mb = _proxy_mb(hub.process.pid)

    found = saves_found(hub, names)
    step.save_problems = check_saves(visits, found)
    step.saves_made = sum(len(v.saves) for v in visits)
    step.saves_found = sum(len(notes) for notes in found.values())
    step.failed = [f"{v.name} ({v.kind}) at {v.step}: {v.error}" for v in visits if not v.ok]
    step.usable = summary([v.usable for v in visits])
    for what in ("login", "spawn", "render", "ws", "usable", "unlocked", "saved", "trends",
                 "chart", "left"):  # fmt: skip
        step.steps[what] = summary([v.times.get(what) for v in visits])
    step.server_mb = summary([v.server_mb for v in visits])
    step.kernel_mb = summary([v.kernel_mb for v in visits])
    step.server_cpu = summary([v.server_cpu for v in visits])
    step.kernel_cpu = summary([v.kernel_cpu for v in visits])
    step.memory_total_mb = round(sum((v.server_mb or 0) + (v.kernel_mb or 0) for v in visits), 1)
    step.retries = sum(v.retries for v in visits)
    step.visits = [asdict(v) for v in visits]
    step.ok = not step.failed and not step.save_problems
    await stop_servers(hub, names)
    return step


def _hub_cpu(hub_pid: int) -> tuple[float, float]:
    """CPU seconds used so far by the hub and by its proxy."""
    import psutil

    hub = proxy = 0.0
    with contextlib.suppress(psutil.Error):
        parent = psutil.Process(hub_pid)
        hub = _cpu_seconds(parent)
        for child in parent.children():
            with contextlib.suppress(psutil.Error):
                if any("configurable-http-proxy" in part for part in child.cmdline()):
                    proxy = _cpu_seconds(child)
    return hub, proxy


def _proxy_mb(hub_pid: int) -> float | None:
    import psutil

    with contextlib.suppress(psutil.Error):
        for child in psutil.Process(hub_pid).children():
            if any("configurable-http-proxy" in part for part in child.cmdline()):
                return child.memory_info().rss / 2**20
    return None


async def stop_servers(hub: Hub, names: list[str], timeout: float = 120) -> None:
    """Stop the step's servers (each user stops their own through the hub's API) and wait
    until they are gone, so the next step starts on a quiet machine."""
    import httpx

    async def stop(name: str) -> None:
        async with httpx.AsyncClient(base_url=hub.url, timeout=timeout) as client:
            await client.get("/hub/login")
            form = {"username": name, "password": PASSWORD,
                    "_xsrf": _cookie(client, "_xsrf", "/hub/") or ""}  # fmt: skip
            await client.post("/hub/login", data=form)
            xsrf = {"X-XSRFToken": _cookie(client, "_xsrf", "/hub/") or ""}
            await client.delete(f"/hub/api/users/{name}/server", headers=xsrf)
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                user = (await client.get(f"/hub/api/users/{name}", headers=xsrf)).json()
                if not user.get("servers"):
                    return
                await asyncio.sleep(1)

    limit = asyncio.Semaphore(20)

    async def limited(name: str) -> None:
        async with limit:
            with contextlib.suppress(Exception):
                await stop(name)

    await asyncio.gather(*(limited(n) for n in names))


# --- many signed up, servers culled when idle ------------------------------------------


@dataclass
class SignedUp:
    clients: int
    browsers: int
    over: float  # seconds over which they arrived
    cull_servers: int  # the hub's idle culler's timeout
    seconds: float = 0.0  # from the first arrival to the last server culled (or given up)
    ok: bool = False
    failed: list[str] = field(default_factory=list)
    usable: dict[str, float | None] = field(default_factory=dict)
    saves_made: int = 0
    saves_found: int = 0
    save_problems: list[str] = field(default_factory=list)
    peak_servers: int = 0
    peak_mb: float = 0.0  # servers and their kernels, summed, at the busiest sample
    servers_left: int = 0  # still running when the wait for the culler ended
    cpu_busy: float | None = None
    samples: list[tuple[float, int, float]] = field(default_factory=list)  # (s, servers, MB)
    visits: list[dict[str, Any]] = field(default_factory=list)


def running_servers(hub_pid: int) -> tuple[int, float]:
    """(the clients' servers running now, their and their kernels' resident MB, summed)."""
    import psutil

    count, rss = 0, 0
    with contextlib.suppress(psutil.Error):
        for child in psutil.Process(hub_pid).children():
            with contextlib.suppress(psutil.Error):
                if not child.environ().get("JUPYTERHUB_USER"):
                    continue
                count += 1
                rss += child.memory_info().rss
                for kernel in child.children(recursive=True):
                    with contextlib.suppress(psutil.Error):
                        rss += kernel.memory_info().rss
    return count, round(rss / 2**20, 1)


def signed_up_names(clients: int) -> list[str]:
    return [f"s{i:03d}" for i in range(clients)]


async def signed_up(args: argparse.Namespace, hub: Hub, template: Path) -> SignedUp:
    names = signed_up_names(args.signed_up)
    give_journals(hub, names, template)
    processes = Processes(hub.process.pid)
    run = SignedUp(len(names), min(args.browsers, len(names)), args.over, args.cull_servers)
    arrival = random.Random(17)  # noqa: S311 - the same arrival times on every run
    arrivals = sorted(arrival.uniform(0, args.over) for _ in names)
    began = time.monotonic()
    done = asyncio.Event()
    short = asyncio.Event()  # the machine's memory ran short: no one else arrives
    total_mb = meminfo_mb("MemTotal")
    finished: list[Visit] = []

    async def sample() -> None:
        while True:
            count, mb = await asyncio.to_thread(running_servers, hub.process.pid)
            run.samples.append((round(time.monotonic() - began, 1), count, mb))
            if available_mb() < (1 - MEMORY_SHARE) * total_mb and not short.is_set():
                short.set()
                say(f"memory short with {count} servers running: no more arrivals")
            if done.is_set() and count == 0:
                return
            await asyncio.sleep(5)

    async def arrive(index: int, name: str, browser: Any) -> Visit:
        await asyncio.sleep(max(0.0, began + arrivals[index] - time.monotonic()))
        if short.is_set():
            return Visit(name, "?", error="not started: the machine's memory ran short")
        visit = await one_visit(hub, name, browser if index < run.browsers else None,
                                args.saves, processes)  # fmt: skip
        finished.append(visit)
        if len(finished) % 20 == 0:
            running = run.samples[-1][1] if run.samples else 0
            say(f"{len(finished)} visits done; {running} servers running")
        return visit

    browser_context = chromium() if run.browsers else contextlib.nullcontext(None)
    async with browser_context as browser:
        busy0, total0 = cpu_times()
        sampler = asyncio.create_task(sample())
        visits = list(await asyncio.gather(*(arrive(i, n, browser) for i, n in enumerate(names))))
        say(f"all {len(names)} visits done after {time.monotonic() - began:.0f}s; "
            "waiting for the culler")  # fmt: skip
        done.set()
        # The culler stops a server once it has been idle for its timeout, looking every
        # quarter of it (at least 30 s); give it both, twice, and a minute.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(sampler, 2 * (args.cull_servers + 30) + 60)
        busy1, total1 = cpu_times()
    run.seconds = round(time.monotonic() - began, 1)
    run.cpu_busy = round((busy1 - busy0) / max(1, total1 - total0), 3)
    run.servers_left = run.samples[-1][1] if run.samples else 0
    run.peak_servers = max((n for _, n, _ in run.samples), default=0)
    run.peak_mb = max((mb for _, _, mb in run.samples), default=0.0)
    found = saves_found(hub, names)
    run.save_problems = check_saves(visits, found)
    run.saves_made = sum(len(v.saves) for v in visits)
    run.saves_found = sum(len(notes) for notes in found.values())
    run.failed = [f"{v.name} ({v.kind}) at {v.step}: {v.error}" for v in visits if not v.ok]
    run.usable = summary([v.usable for v in visits])
    run.visits = [asdict(v) for v in visits]
    run.ok = not run.failed and not run.save_problems and run.servers_left == 0
    return run


def signed_up_report(run: SignedUp) -> str:
    good = run.clients - len(run.failed)
    return "\n".join([
        f"{run.clients} clients signed up, arriving over {run.over:g} s ({run.browsers} in "
        f"Chromium), servers culled after {run.cull_servers} s idle:",
        f"  visits done: {good}/{run.clients}; usable median {_n(run.usable['median'])} s, "
        f"p95 {_n(run.usable['p95'])} s, slowest {_n(run.usable['max'])} s",
        f"  saves made/found: {run.saves_made}/{run.saves_found}; problems: "
        f"{len(run.save_problems)}",
        f"  servers running at most: {run.peak_servers} ({run.peak_mb / 1024:.1f} GB with "
        f"their kernels); still running at the end: {run.servers_left}",
        f"  machine CPU over the run: {_n(_percent(run.cpu_busy), 0)}%; "
        f"{run.seconds:.0f} s from the first arrival to the last server culled",
    ])  # fmt: skip


# --- the report -----------------------------------------------------------------------------


def _n(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table(steps: list[Step]) -> str:
    """One line per N. Times are seconds from each client's start (its log-in); "saved" and
    "trends" are when the check-in was saved and the trends page shown; memory is resident,
    in MB, per client; "CPU s" is the CPU seconds a client's server and page kernel had
    used by the end of its visit (medians), and the hub's and proxy's over the step, per
    client; CPU is the whole machine's, over the step (this script's own share in
    brackets)."""
    head = (
        f"{'N':>4} {'brw':>3} {'ok':>4} | {'usable med':>10} {'p95':>6} {'max':>6} | "
        f"{'saved max':>9} {'trends max':>10} | {'saves made/found':>16} | "
        f"{'server med/max':>14} {'kernel med/max':>14} {'all':>6} {'hub':>4} | "
        f"{'CPU s srv/krn/hub':>17} | {'CPU (own)':>9} | {'step':>5}"
    )
    lines = [head, "-" * len(head)]
    for s in steps:
        good = s.clients - len(s.failed)
        server = f"{_n(s.server_mb['median'], 0)}/{_n(s.server_mb['max'], 0)}"
        kernel = f"{_n(s.kernel_mb['median'], 0)}/{_n(s.kernel_mb['max'], 0)}"
        cpu = f"{_n(_percent(s.cpu_busy), 0)}% ({_n(_percent(s.harness_cpu), 0)}%)"
        hub = None if s.hub_cpu is None else (s.hub_cpu + (s.proxy_cpu or 0)) / s.clients
        seconds = f"{_n(s.server_cpu.get('median'))}/{_n(s.kernel_cpu.get('median'))}/{_n(hub)}"
        lines.append(
            f"{s.clients:>4} {s.browsers:>3} {good:>4} | {_n(s.usable['median']):>10} "
            f"{_n(s.usable['p95']):>6} {_n(s.usable['max']):>6} | "
            f"{_n(s.steps['saved']['max']):>9} {_n(s.steps['trends']['max']):>10} | "
            f"{f'{s.saves_made}/{s.saves_found}':>16} | "
            f"{server:>14} {kernel:>14} {_n(s.memory_total_mb, 0):>6} {_n(s.hub_mb, 0):>4} | "
            f"{seconds:>17} | {cpu:>9} | {s.seconds:>5.0f}"
        )
    return "\n".join(lines)


def _percent(share: float | None) -> float | None:
    return None if share is None else 100 * share


def verdict(step: Step, slowest: float) -> str | None:
    """Why the ramp stops after this step, or None."""
    if step.failed:
        return f"{len(step.failed)} client(s) failed a step: " + "; ".join(step.failed[:5])
    if step.save_problems:
        return "saves lost or astray: " + "; ".join(step.save_problems[:5])
    if step.usable["max"] is not None and step.usable["max"] > slowest:
        return f"the slowest client waited {step.usable['max']:.1f}s (> {slowest:g}s)"
    return None


def meminfo_mb(key: str) -> float:
    """A line of /proc/meminfo ("MemAvailable", "MemTotal"), in MB."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    return float("inf")


def available_mb() -> float:
    return meminfo_mb("MemAvailable")


def memory_short(last: Step, clients: int) -> str | None:
    """Why the machine cannot hold ``clients`` servers and kernels at once (judged by the
    last step's memory per client, with a margin), or None. This machine has no swap to
    spare: running out would have the kernel's OOM killer stop processes, not only ours."""
    if not last.memory_total_mb or not last.clients:
        return None
    needed = last.memory_total_mb / last.clients * clients * 1.25
    free = available_mb()
    if needed > free * MEMORY_SHARE:
        return (
            f"{clients} clients would need some {needed / 1024:.1f} GB "
            f"(from {last.memory_total_mb / last.clients:.0f} MB a client), and only "
            f"{free / 1024:.1f} GB is available"
        )
    return None


def machine() -> dict[str, Any]:
    return {"python": platform.python_version(), "cpus": os.cpu_count(),
            "memory_gb": round(meminfo_mb("MemTotal") / 1024, 1),
            "platform": platform.platform(), "load_average": os.getloadavg()}  # fmt: skip


async def ramp(args: argparse.Namespace, hub: Hub, template: Path) -> tuple[list[Step], str]:
    steps: list[Step] = []
    reason = "every step held"
    for clients in args.clients:
        if steps and (short := memory_short(steps[-1], clients)):
            reason = f"stopped before {clients} clients: {short}"
            break
        say(f"{clients} clients ({min(args.browsers, clients)} in Chromium) ...")
        step = await run_step(hub, clients, args.browsers, args.saves, template, args.spread)
        steps.append(step)
        say(
            f"{clients} clients: usable median {_n(step.usable['median'])}s, slowest "
            f"{_n(step.usable['max'])}s, saves {step.saves_made}/{step.saves_found}, "
            f"{len(step.failed)} failed"
        )
        stop = verdict(step, args.slowest)
        if stop:
            reason = f"stopped after {clients} clients: {stop}"
            break
    return steps, reason


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument(
        "--clients",
        default="2,5,10,20,50,100",
        help="the numbers of clients at once, in order (default %(default)s)",
    )
    parser.add_argument(
        "--browsers",
        type=int,
        default=1,
        help="how many of each step's clients are Chromium (default 1)",
    )
    parser.add_argument(
        "--saves", type=int, default=1, help="check-ins each client saves (default 1)"
    )
    parser.add_argument(
        "--spread",
        type=float,
        default=0.0,
        help="seconds over which a step's clients arrive (default 0: at once)",
    )
    parser.add_argument(
        "--slowest",
        type=float,
        default=SLOWEST,
        help="stop once the slowest client waits longer for a usable page (default %(default)s s)",
    )
    parser.add_argument(
        "--signed-up",
        type=int,
        default=0,
        metavar="N",
        help="instead of the ramp: N clients arriving once each over --over seconds, their "
        "servers stopped only by the hub's idle culler",
    )
    parser.add_argument(
        "--over", type=float, default=600.0, help="with --signed-up: seconds (default 600)"
    )
    parser.add_argument(
        "--cull-servers",
        type=int,
        default=60,
        help="with --signed-up: the idle culler's timeout in seconds (default 60, at least 60)",
    )
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the hub's state folder (logs, journals) and say where",
    )
    args = parser.parse_args(argv)
    if args.signed_up and args.cull_servers < 60:
        parser.error("--cull-servers must be at least 60 (the hub's culler refuses less)")
    args.clients = [int(n) for n in args.clients.split(",") if n.strip()]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.browsers and not CHROMIUM.exists():
        raise SystemExit(f"no Chromium at {CHROMIUM} (set KIT_CHROMIUM, or --browsers 0)")
    folder = Path(tempfile.mkdtemp(prefix="kit-hubload-"))
    if args.signed_up:
        names = signed_up_names(args.signed_up)
    else:
        names = [name for n in args.clients for name in step_names(n)]
    hub = Hub(folder / "hub", tuple(names))
    hub.state.mkdir()
    try:
        template = locked_journal(folder / "template")
        say(f"starting the hub ({len(names)} client users) ...")
        if args.signed_up:
            hub.start(proxy_command(), KIT_CULL_SERVERS=str(args.cull_servers))
            run = asyncio.run(signed_up(args, hub, template))
        else:
            hub.start(proxy_command())
            steps, reason = asyncio.run(ramp(args, hub, template))
    finally:
        hub.stop()
        if args.keep:
            say(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    if args.signed_up:
        print(signed_up_report(run))
        for problem in run.failed + run.save_problems:
            print(f"  {problem}")
        if args.json:
            results = {"machine": machine(), "args": {k: str(v) for k, v in vars(args).items()},
                       "signed_up": asdict(run)}  # fmt: skip
            args.json.write_text(json.dumps(results, indent=1) + "\n")
        return 0 if run.ok else 1
    print(table(steps))
    print(reason)
    for step in steps:
        for problem in step.failed + step.save_problems:
            print(f"  N={step.clients}: {problem}")
    if args.json:
        results = {"machine": machine(), "args": {k: str(v) for k, v in vars(args).items()},
                   "stopped": reason, "steps": [asdict(s) for s in steps]}  # fmt: skip
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0 if all(s.ok for s in steps) else 1


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
