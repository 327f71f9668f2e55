"""Page kernels that are never culled while Voila is still rendering their page (issue 17).

jupyter_server's culler (``MappingKernelManager.cull_kernel_if_idle``) shuts a kernel down
when it has no websocket connection, is not "busy", and has had no activity for
``cull_idle_timeout`` seconds. It knows a kernel only through its own IOPub watcher
(``start_watching_activity``): activity is a message of a tracked type, and "busy" is set
only while the kernel runs a tracked request. Voila runs a page with a kernel client of its
own (nbclient's, which it gets from the kernel's manager with ``client()``), and the
browser connects its websocket only once the page is there. So every stretch of a render
in which the kernel is not running a cell looks idle: the kernel's start, up to its answer
to nbclient's ``kernel_info_request`` (an untracked type), and the server's own work
between two cells. On a busy machine either can outlast the cull time; the kernel is then
shut down mid-render and the page never finishes.

Here a render is the life of the client Voila runs it with: from
``NotebookClient.async_start_new_kernel_client`` (``km.client()``, ``start_channels``,
``wait_for_ready``) to ``NotebookRenderer._cleanup_resources`` (``kc.stop_channels``) after
the last cell. While such a client is open its kernel is busy for the culler; when it
closes, the kernel's idle time starts afresh, so the visitor's browser has the whole cull
time to connect. Nothing else on the server asks a kernel's manager for a client (the
browser's websocket uses ``connect_iopub`` and the like, counted as connections), and the
clients are held by weak reference: one that a render drops without closing it stops
counting once it is garbage-collected, and its kernel is culled as before.

Chosen with traitlets, no patching: :class:`PageMappingKernelManager` is the
``VoilaConfiguration.multi_kernel_manager_class`` of ``kit serve`` (which Voila wraps for
pre-heating) and the ``ServerApp.kernel_manager_class`` of ``kit hub-server``; see
:func:`kit.app.serve.page_settings`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from weakref import WeakSet

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_server.services.kernels.kernelmanager import (
    AsyncMappingKernelManager,
    ServerKernelManager,
)
from traitlets import Instance, default


class RenderClient(AsyncKernelClient):
    """The client a page kernel's manager hands out: Voila's executor is its one user."""

    def stop_channels(self) -> None:
        super().stop_channels()
        if isinstance(self.parent, ServerKernelManager):
            # The page is all there: its idle time starts now.
            self.parent.last_activity = dt.datetime.now(dt.UTC)


class PageKernelManager(ServerKernelManager):
    """One page's kernel, which knows whether its page is still being rendered."""

    _clients = Instance(WeakSet, args=())

    @default("client_factory")
    def _default_client_factory(self) -> type[RenderClient]:
        return RenderClient

    def client(self, **kwargs: Any) -> AsyncKernelClient:
        client = super().client(**kwargs)
        self._clients.add(client)
        return client

    @property
    def rendering(self) -> bool:
        """Is a client of this kernel (Voila's executor's) still open?"""
        # A copy: a WeakSet holds the item it is at while iterated.
        return any(client.channels_running for client in list(self._clients))


class PageMappingKernelManager(AsyncMappingKernelManager):
    """jupyter_server's kernel manager, whose culler passes over a page still rendering."""

    @default("kernel_manager_class")
    def _default_kernel_manager_class(self) -> str:
        return f"{__name__}.PageKernelManager"

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        kernel = self._kernels.get(kernel_id)
        if getattr(kernel, "rendering", False):
            self.log.debug("Not culling kernel %s: its page is still rendering", kernel_id)
            return
        await super().cull_kernel_if_idle(kernel_id)
