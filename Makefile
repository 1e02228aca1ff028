# The two commands in the README: `make demo` and `make test`. Each sets up what it needs
# (a virtualenv with the package, LanguageTool from Maven Central) and is safe to re-run.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Installs take the versions pinned in constraints.txt (what the tests last passed with);
# `make lock` refreshes them.
HASH := $(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
STAMP := $(VENV)/.installed-$(HASH)
BENCH_STAMP := $(VENV)/.bench-$(HASH)
PIP_INSTALL := -m pip install --quiet --disable-pip-version-check --constraint constraints.txt

.PHONY: install demo lint test golden bench lock

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python $(PIP_INSTALL) -e '.[test,postgres]'
	rm -f $(VENV)/.installed-* && touch $@

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python $(PIP_INSTALL) -e '.[test,bench]'
	rm -f $(VENV)/.bench-* && touch $@

install: $(STAMP)
	$(BIN)/reviewer languagetool install

demo: install
	$(BIN)/reviewer check corpora/harbour-strike.txt

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: install lint
	$(BIN)/python -m pytest

# Rewrite tests/golden/ from the current output of `reviewer check` on corpora/; review the diff.
golden: $(STAMP)
	$(BIN)/python -m pytest -q -m golden --update-golden

bench: install $(BENCH_STAMP)
	for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Resolve the newest versions pyproject.toml allows in a scratch venv and pin them all
# (test and bench extras included) in constraints.txt; then run `make test` and commit both.
LOCK_VENV := .venv-lock
lock:
	rm -rf $(LOCK_VENV) && $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench,postgres]'
	{ echo '# Versions `make install` takes; written by `make lock` from a fresh resolve.'; \
	  $(LOCK_VENV)/bin/python -m pip freeze --all --exclude-editable | grep -v '^pip=='; } > constraints.txt
	rm -rf $(LOCK_VENV)
