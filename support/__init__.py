"""What the tests and the benchmarks share, so that neither imports the other: servers in
child processes on loopback ports (``kit serve``, a JupyterHub), the browser's settings,
the tools pinned in the Makefile, and answers that fill every worksheet. Nothing here is
part of the kit or of its wheel."""
