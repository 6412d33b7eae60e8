# isgrille — set-up and checks. Needs only Python 3.11 with pip and venv.
#   make lab     install into .venv and open JupyterLab on notebooks/
#   make present serve the notebooks as an app with Voilà (trainer mode, offline)
#   make test    install the test extras and run the whole test suite
#   make bench   print the benchmarks (bench/)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
VOILA_PORT ?= 8866

.PHONY: lab present test bench validate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when pyproject.toml changes.
$(VENV)/.lab: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab,test]"
	touch $@ $(VENV)/.lab

lab: $(VENV)/.lab
	$(BIN)/jupyter lab --notebook-dir=notebooks --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT)

# Trainer app mode: code hidden, widgets live, fully offline (isgrille's Voilà template).
present: $(VENV)/.lab
	@echo "Ouvrez http://127.0.0.1:$(VOILA_PORT)/voila/render/00_accueil.ipynb"
	JUPYTER_PATH=$(CURDIR)/share/jupyter $(BIN)/voila notebooks --template=isgrille --no-browser \
	  --Voila.ip=127.0.0.1 --Voila.port=$(VOILA_PORT)

test: $(VENV)/.test
	$(BIN)/python -m pytest

bench: $(VENV)/.test
	$(BIN)/python bench/bench_core.py
	$(BIN)/python bench/bench_notebooks.py

validate: $(VENV)/.lab
	$(BIN)/python -m isgrille validate data/*.yaml data/examples/*

clean:
	rm -rf $(VENV) build dist *.egg-info
