# isgrille — set-up and checks.
# make lab / present / validate need only Python 3.11 with pip and venv;
# make test / bench also need npm (Node.js) and Debian's chromium (.ci/run installs both).
#   make lab     install into .venv and open JupyterLab on notebooks/
#   make present serve the notebooks as an app with Voilà (trainer mode, offline)
#   make slides  the same as live slides (reveal.js, vendored with npm)
#   make room    serve the workshop to a whole room on the local network: one server, participants on their phones follow the trainer
#   make check   lint, format and type checks (ruff, mypy)
#   make test    install the test extras, run make check, then the whole test suite
#   make bench   print the benchmarks (bench/)
#   make lock    refresh the lock (requirements/) to the newest versions pyproject.toml allows, and environment.yml
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
VOILA_PORT ?= 8866
VENDOR := notebooks/_vendor/node_modules/.installed
PROXY  := deploy/jupyterhub/node_modules/.installed
AXE    := tests/browser/axe/node_modules/.installed

# JupyterLab refuses to start as root without --allow-root (containers, CI, sandboxes).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab present slides room test bench validate clean test-tools lock check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The lock: the exact versions make lab, make test, CI and Binder install (README.md, « The lock »).
# all.txt holds everything (kit, lab, test, check); lab.txt the kit and the lab, what Binder installs,
# at the same versions; environment.yml is written from lab.txt.
LOCK     := requirements/all.txt
LAB_LOCK := requirements/lab.txt
LOCK_PYTHON := 3.11.7
UV_VERSION  := 0.13.9
# make lock takes the newest versions pyproject.toml's ranges allow; `make lock LOCK_ARGS=` keeps the
# current pins and only adds what a new requirement needs.
LOCK_ARGS ?= --upgrade
COMPILE = $(BIN)/uv pip compile --quiet pyproject.toml --python-version $(LOCK_PYTHON) --python-platform linux \
	--custom-compile-command "make lock"

$(BIN)/uv: | $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"

# Reinstall when pyproject.toml or the lock changes.
$(VENV)/.lab: pyproject.toml $(LAB_LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(LAB_LOCK) -e ".[lab]"
	touch $@

$(VENV)/.test: pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e ".[lab,test,check]"
	touch $@ $(VENV)/.lab

# Then run make test, and commit requirements/ and environment.yml together.
lock: | $(BIN)/uv
	$(COMPILE) $(LOCK_ARGS) --extra lab --extra test --extra check -o $(LOCK)
	$(COMPILE) --extra lab -c $(LOCK) -o $(LAB_LOCK)
	$(BIN)/python requirements/binder.py

lab: $(VENV)/.lab
	$(BIN)/jupyter lab $(ALLOW_ROOT) --notebook-dir=notebooks --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT)

# Trainer app mode: code hidden, widgets live, fully offline (isgrille's Voilà template).
present: $(VENV)/.lab
	$(BIN)/python -m isgrille present --port $(VOILA_PORT)

# Live slides (reveal.js, vendored from npm): same notebooks, one slide per step.
slides: $(VENV)/.lab $(VENDOR)
	$(BIN)/python -m isgrille present --slides --port $(VOILA_PORT)

# The live room (one Solara server): all interfaces, room code and trainer key printed, results in notebooks/salle/.
# Options: make room ROOM_ARGS="--code atelier42 --host 192.168.1.20"
room: $(VENV)/.lab
	$(BIN)/python -m isgrille room --port $(VOILA_PORT) $(ROOM_ARGS)

# configurable-http-proxy for the class test on a local JupyterHub (tests/browser/test_jupyterhub.py).
$(PROXY): deploy/jupyterhub/package-lock.json
	npm ci --prefix deploy/jupyterhub --no-audit --no-fund
	touch $@

$(VENDOR): notebooks/_vendor/package-lock.json
	npm ci --prefix notebooks/_vendor --no-audit --no-fund
	touch $@

# axe-core, the WCAG rules the accessibility tests run in chromium (tests/browser/test_accessibility.py).
$(AXE): tests/browser/axe/package-lock.json
	npm ci --prefix tests/browser/axe --no-audit --no-fund
	touch $@

# Say plainly what the tests need that pip cannot install, before installing anything.
test-tools:
	@missing=""; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  echo "make test needs:$$missing (Debian: sudo apt-get install$$missing; .ci/run installs them)" >&2; \
	  exit 1; \
	fi

# Lint, format and type checks: ruff (pyproject.toml's [tool.ruff]) and mypy ([tool.mypy]: strict on the core).
# make test and CI run it first; .pre-commit-config.yaml runs the same before a commit.
check: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: test-tools check $(VENV)/.test $(VENDOR) $(PROXY) $(AXE)
	$(BIN)/python -m pytest

bench: test-tools $(VENV)/.test $(VENDOR) $(PROXY)
	$(BIN)/python bench/bench_core.py
	$(BIN)/python bench/bench_notebooks.py
	$(BIN)/python bench/bench_voila.py
	$(BIN)/python bench/bench_hub.py
	$(BIN)/python bench/bench_store.py
	$(BIN)/python bench/bench_hostile.py
	$(BIN)/python bench/bench_cohort_load.py
	$(BIN)/python bench/bench_cohort.py
	$(BIN)/python bench/bench_cards.py
	$(BIN)/python bench/bench_room_view.py
	$(BIN)/python bench/bench_room.py
	$(BIN)/python bench/bench_room_app.py

validate: $(VENV)/.lab
	$(BIN)/python -m isgrille validate data/*.yaml data/grids/*.yaml data/examples/*.* data/examples/classe_fictive/*.csv data/examples/classe_fictive/*/resultats/*.json
	$(BIN)/python -m isgrille validate --grid questions_cles data/examples/questions_cles/*

clean:
	rm -rf $(VENV) build dist *.egg-info
