# One command runs the service, one runs the whole test suite; each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# A laptop run stays on loopback; `make run BIND_HOST=0.0.0.0` opens it to the network.
BIND_HOST ?= 127.0.0.1

.PHONY: run test lint bench bench-capacity bench-media load clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.run-deps
	PORT=$(PORT) BIND_HOST=$(BIND_HOST) $(BIN)/gunicorn wsgi:app -c gunicorn.conf.py

test: $(VENV)/.dev-deps
	$(BIN)/python -m pytest

lint: $(VENV)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(VENV)/.dev-deps
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/capacity.py

bench-capacity: $(VENV)/.dev-deps
	$(BIN)/python bench/capacity.py

bench-media: $(VENV)/.dev-deps
	$(BIN)/python bench/media.py

load: $(VENV)/.dev-deps
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
