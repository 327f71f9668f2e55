# Two commands: `make app` serves the journal, `make test` runs every test.
# Both create .venv on first use; the stamps re-install only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8866

.PHONY: app hub test bench hubload lint format clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@ $(VENV)/.app

app: $(VENV)/.app
	$(BIN)/kit serve --port $(PORT)

# A trial JupyterHub on this machine (deploy/local): client1, client2 and therapist, all with
# the password in KIT_HUB_PASSWORD, at http://127.0.0.1:8000/.
CHP_VERSION := 4.6.3
$(VENV)/.hub: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[hub]'
	npm install --silent --prefix .cache/node --no-audit --no-fund configurable-http-proxy@$(CHP_VERSION)
	@touch $@ $(VENV)/.app

hub: $(VENV)/.hub
	@test -n "$$KIT_HUB_PASSWORD" || { echo "Set KIT_HUB_PASSWORD (8 characters or more) first."; exit 2; }
	PATH="$(CURDIR)/.cache/node/node_modules/.bin:$(CURDIR)/$(BIN):$$PATH" $(BIN)/jupyterhub -f deploy/local/jupyterhub_config.py

# axe-core for the accessibility test (tests/browser/test_accessibility.py installs it from
# the npm registry into .cache/node on first use).
AXE_VERSION := 4.14.1

test: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

# The performance budget against a bare Voila page (benchmarks/budget.py); about 15 minutes.
bench: $(VENV)/.test
	$(BIN)/python benchmarks/budget.py --json benchmarks/latest.json

# The load test on a real hub (benchmarks/hubload.py): clients at once, ramped until the
# slowest waits over 30 s; prints the table. About 5 to 10 minutes on 2 cores.
hubload: $(VENV)/.test
	$(BIN)/python benchmarks/hubload.py --json benchmarks/hubload-latest.json

format: $(VENV)/.test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
