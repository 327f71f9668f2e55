"""Keeps every test, notebook runs included, away from the real journal.

This runs before any test is collected, so even the kernels that nbval starts for the
notebooks inherit a temporary KIT_DATA_DIR and never touch a person's own data.
"""

import os
import shutil
import tempfile

_data = tempfile.mkdtemp(prefix="kit-test-data-")


def pytest_configure(config):
    os.environ["KIT_DATA_DIR"] = _data


def pytest_unconfigure(config):
    shutil.rmtree(_data, ignore_errors=True)
