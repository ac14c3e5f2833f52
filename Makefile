# `make run` and `make test` are the whole set-up: each creates .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AXE := node_modules/axe-core/axe.min.js

.PHONY: run dev test lint validate bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# MALLOC_ARENA_MAX=2: glibc's allocator keeps two arenas instead of eight per core for the
# server's threads; a soak held memory about 30 MiB lower and without its steps (bench/results.md).
run: $(STAMP)
	MALLOC_ARENA_MAX=2 $(BIN)/python -m streamlit run app.py --server.port=8501 --server.address=localhost

# For editing: the page reruns when a source file is saved (the shipped config watches nothing).
dev: $(STAMP)
	MALLOC_ARENA_MAX=2 $(BIN)/python -m streamlit run app.py --server.port=8501 \
		--server.address=localhost --server.fileWatcherType=auto --server.runOnSave=true

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

validate: $(STAMP)
	$(BIN)/python -m alliance_atlas validate data

# axe-core, which the browser tests run in each page, from the npm registry at the locked version.
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(AXE)

test: lint validate $(AXE)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) node_modules
