# Developers' convenience. Everything here also runs without make: see README.md.
PYTHON ?= python3
VENV := .venv
ifeq ($(OS),Windows_NT)
  BIN := $(VENV)/Scripts
else
  BIN := $(VENV)/bin
endif
PACK ?= inputs/example
OUT ?= out

.PHONY: pack test test-fast lint bench validate clean approve approve-images

pack: $(VENV)/.installed-build
	$(BIN)/cabinet-pack build $(PACK) -o $(OUT) --layout cabinet --layout analysis

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# Every test that builds no PDF (tests/conftest.py marks the ones that do `pdf`).
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not pdf"

# ruff comes with the test tools, so a fresh clone needs nothing else.
lint: $(VENV)/.installed-test
	$(BIN)/python -m ruff check report tests

validate: $(VENV)/.installed-build
	$(BIN)/cabinet-pack validate $(PACK)

bench: $(VENV)/.installed-build
	$(BIN)/python -m report.bench $(ARGS)

# `make pack` installs what a build needs; `make test` adds the test tools.
$(VENV)/.installed-build: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-build
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) $(OUT)/*.pdf $(OUT)/*.json $(OUT)/*.csv $(OUT)/.cache

# After an intended change: prints each changed golden file's diff (and names each changed
# image) and writes only those. Look at them, then commit.
approve: $(VENV)/.installed-test
	APPROVE=1 $(BIN)/python -m pytest tests/test_golden.py tests/test_golden_outputs.py -q -s

approve-images: approve
