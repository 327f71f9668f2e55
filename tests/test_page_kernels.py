"""kit.app.kernels without a kernel: a page kernel is rendering while a client it handed out
is open (tests/browser/test_cull_render.py has the real server and browser)."""

from __future__ import annotations

from datetime import UTC, datetime

from kit.app.kernels import PageKernelManager, PageMappingKernelManager, RenderClient


def test_rendering_lasts_while_a_client_is_open() -> None:
    km = PageKernelManager()
    km.write_connection_file()  # the channels connect to no one: nothing needs to answer
    try:
        assert not km.rendering, "no client yet"
        voila = km.client()
        assert isinstance(voila, RenderClient)
        voila.start_channels(hb=False)  # no heartbeat thread to race the stop
        assert km.rendering
        km.last_activity = before = datetime(2000, 1, 1, tzinfo=UTC)
        voila.stop_channels()
        assert not km.rendering
        assert km.last_activity > before, "the idle time starts when the page is there"
    finally:
        km.cleanup_connection_file()


def test_the_mapping_manager_starts_page_kernels() -> None:
    manager = PageMappingKernelManager()
    assert manager.kernel_manager_class == "kit.app.kernels.PageKernelManager"
