# One command runs the service, one runs the whole test suite; each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# A laptop run stays on loopback; `make run BIND_HOST=0.0.0.0` opens it to the network.
BIND_HOST ?= 127.0.0.1

# The Debian packages the tests drive for real (the shared cache's Redis; the home page's browser).
SYSTEM_PACKAGES := redis-server chromium

.PHONY: run test lint system-deps bench-deps bench bench-capacity bench-media bench-scale load clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The package itself is installed editable, for the `tiktok-api` command.
$(VENV)/.run-deps: requirements.txt pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

run: $(VENV)/.run-deps
	PORT=$(PORT) BIND_HOST=$(BIND_HOST) $(BIN)/gunicorn wsgi:app -c gunicorn.conf.py

# Installs what is missing with apt-get when run as root; otherwise names what to install.
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  command -v $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing Debian packages:$$missing (install them, e.g. sudo apt-get install$$missing)"; fi; \
	fi

test: $(VENV)/.dev-deps system-deps
	$(BIN)/python -m pytest

lint: $(VENV)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The benchmarks drive wrk (and Redis) too.
bench-deps:
	@$(MAKE) --no-print-directory system-deps SYSTEM_PACKAGES="wrk redis-server"

bench: $(VENV)/.dev-deps bench-deps
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/hit.py
	$(BIN)/python bench/capacity.py

bench-capacity: $(VENV)/.dev-deps bench-deps
	$(BIN)/python bench/capacity.py

bench-scale: $(VENV)/.dev-deps bench-deps
	$(BIN)/python bench/scale.py

bench-media: $(VENV)/.dev-deps
	$(BIN)/python bench/media.py

load: $(VENV)/.dev-deps
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
