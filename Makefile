# The two commands in the README: `make demo` and `make test`. Each sets up what it needs
# (a virtualenv with the package, LanguageTool from Maven Central) and is safe to re-run.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install demo lint test golden bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

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

bench: install
	for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done
