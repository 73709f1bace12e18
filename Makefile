# Self-documenting Makefile: every target with a `## comment` shows up in `make help`.
.DEFAULT_GOAL := help
SHELL := /bin/bash

# The first Python 3.11 or later on the PATH (python3 itself where it is recent enough).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
YEAR ?= 2010
UV_VERSION := $(shell sed -n 's/^uv==\([0-9.]*\).*/\1/p' requirements.lock)
# The Python the lock was compiled for (its header names it), which Binder runs.
BINDER_PYTHON := $(shell sed -n 's/.*--python-version \([0-9.]*\).*/\1/p' requirements.lock | head -1)
# The stamp is newer than the lock only once the environment matches it.
STAMP := $(VENV)/.installed

.PHONY: help report run check test lint lab lab-check binder lock lowest bench demo verify notebooks format clean audit next-year-check

help: ## Show this help
	@[ -t 1 ] && tty=1; awk -v year='$(YEAR)' -v tty="$$tty" 'BEGIN {FS = ":.*## "; if (tty) {on = "\033[36m"; off = "\033[0m"}} /^[a-zA-Z_-]+:.*## / {gsub(/\$$\(YEAR\)/, year, $$2); printf "  %s%-10s%s %s\n", on, $$1, off, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.lock pyproject.toml
	@test -n "$(PYTHON)" || { echo "make: needs Python 3.11 or later on the PATH (python3, python3.13, python3.12 or python3.11)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --require-hashes --compile-bytecode requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@# Saving a notebook leaves git clean: git's clean filter (.gitattributes) gives
	@# notebooks/*.ipynb their committed form. Set only in the project's own clone (not in a
	@# folder inside another repository, nor a linked worktree, which shares its config).
	@if [ "$$(git rev-parse --show-toplevel 2>/dev/null)" = "$(CURDIR)" ] && \
	    [ "$$(git rev-parse --git-dir)" = "$$(git rev-parse --git-common-dir)" ]; then \
		git config filter.notebooks.clean "$(NOTEBOOK_FILTER)"; \
	fi
	@touch $@

report: $(STAMP) ## Set up .venv from the lock file (if needed) and build the 2010 report
	$(BIN)/python -m analysis run --year 2010

run: $(STAMP) ## Run one year: make run YEAR=2011 (tables, figures, report; then the trends)
	$(BIN)/python -m analysis run --year $(YEAR)

# The notebooks run with their defaults, which write data/processed/, outputs/ and
# outputs/trends/: checking or refreshing them works in a scratch copy of data/ and outputs/
# (ANALYSIS_ROOT, see analysis.paths.work_root), never in the project's own folders. The
# copy holds the committed 2010 results, so that each notebook also runs on its own, and the
# authored text the report notebook reads.
IN_SCRATCH = scratch=$$(mktemp -d) && cp -R data outputs authored "$$scratch/" && rm -rf "$$scratch/outputs/trends" && \
	ANALYSIS_ROOT="$$scratch"
# Tests on every core (pytest-xdist); a worker takes the next test as it frees up.
XDIST = -n auto --dist worksteal
NBVAL = --nbval-lax notebooks --nbval-sanitize-with notebooks/nbval_sanitize.cfg
NOTEBOOK_FILTER := $(BIN)/python -m analysis.run.notebook_outputs --clean
# Lab at the project's root, notebooks/1_clean.ipynb open, with the project's Jupyter
# configuration in .jupyter/ (after the user's own): Lab settings (settings/overrides.json:
# no Jupyter news question) and notebooks saved in their committed form
# (jupyter_server_config.json: notebook_outputs.pre_save_hook). binder/postBuild installs both.
LAB_SETTINGS := .jupyter/lab/settings
LAB_FLAGS ?=

lint: $(STAMP) ## Lint: ruff, and the CI workflow, CITATION.cff and pre-commit config against their schemas
	$(BIN)/ruff check src tests notebooks benchmarks
	$(BIN)/ruff format --check src tests notebooks benchmarks
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/zizmor --offline --quiet .github/workflows
	@# cffconvert --validate applies this schema; cffconvert's own pins conflict with the lock.
	$(BIN)/check-jsonschema --schemafile tests/schemas/citation-file-format-1.2.0.json \
		--default-filetype yaml CITATION.cff
	$(BIN)/pre-commit validate-config .pre-commit-config.yaml

check: lint ## Lint and the fast tests (no notebook kernels): seconds, for every edit
	$(BIN)/python -m pytest -m "not slow" -q $(XDIST)

test: lint ## Run every test: lint, pytest (modules, end-to-end, reproducibility), nbval on the notebooks
	$(BIN)/python -m pytest $(XDIST)
	$(IN_SCRATCH) $(BIN)/python -m pytest $(NBVAL); status=$$?; rm -rf "$$scratch"; exit $$status

# Adding a year must never break the tests: in a scratch clone of the committed project, the
# next year is added as the README says (tests/next_year.py), committed and run (make run),
# then `make check` runs there (`make test` with NEXT_YEAR_TEST=test). The clone has a .venv
# of its own.
NEXT_YEAR_TEST ?= check
next-year-check: $(STAMP) ## In a scratch clone, add, commit and run the next year as the README says, then make check there
	scratch=$$(mktemp -d) && git clone --quiet . "$$scratch/clone" && \
	year=$$($(BIN)/python tests/next_year.py "$$scratch/clone") && \
	$(MAKE) -C "$$scratch/clone" run YEAR=$$year && \
	$(MAKE) -C "$$scratch/clone" $(NEXT_YEAR_TEST); status=$$?; rm -rf "$$scratch"; exit $$status

notebooks: $(STAMP) ## Refresh the outputs nbval compares in notebooks/ (after a deliberate change)
	$(IN_SCRATCH) $(BIN)/python -m analysis.run.notebook_outputs; status=$$?; rm -rf "$$scratch"; exit $$status

verify: $(STAMP) ## Rerun $(YEAR) in a temporary folder and compare it with outputs/$(YEAR)
	$(BIN)/python -m analysis verify --year $(YEAR)

lab: $(STAMP) ## Open JupyterLab at the project's root, on notebooks/1_clean.ipynb
	JUPYTER_CONFIG_PATH="$(CURDIR)/.jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
		$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.app_settings_dir="$(CURDIR)/$(LAB_SETTINGS)" $(LAB_FLAGS) notebooks/1_clean.ipynb

# Not part of `make test`: it needs a browser (chromium, installed with apt-get where
# missing, as for make audit) and playwright-core from tests/browser/package-lock.json.
lab-check: $(STAMP) ## On a fresh clone: run and save each notebook in JupyterLab (Chromium), then git status is clean
	@command -v chromium >/dev/null || { echo "Installing chromium (apt-get)"; apt-get update -qq && apt-get install -y -qq chromium; }
	cd tests/browser && npm ci --no-audit --no-fund --silent
	$(BIN)/python tests/browser/lab_check.py

# Binder (repo2docker) reads binder/: the lock's runtime packages with exact pins and
# hashes, the Python version, and postBuild (the package itself, the Lab settings).
binder: ## Write binder/requirements.txt and binder/runtime.txt from requirements.lock (make lock does too)
	@test -x $(BIN)/uv || $(MAKE) $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --universal --python-version $(BINDER_PYTHON) --generate-hashes \
		--no-config --constraints requirements.lock --custom-compile-command "make binder" --quiet \
		-o binder/requirements.txt
	echo "python-$(BINDER_PYTHON)" > binder/runtime.txt

lock: ## Refresh requirements.lock to the newest versions pyproject.toml allows
	@test -x $(BIN)/uv || { $(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install --quiet uv; }
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --generate-hashes --upgrade --quiet -o requirements.lock
	@$(MAKE) --no-print-directory binder

LOWEST := build/lowest
lowest: ## The fast tests against the lowest versions pyproject.toml allows (a venv in build/lowest)
	@test -x $(BIN)/uv || $(MAKE) $(STAMP)
	$(BIN)/uv venv --quiet --clear --python $(PYTHON) $(LOWEST)
	$(BIN)/uv pip install --quiet --python $(LOWEST)/bin/python --resolution lowest-direct -e '.[dev]'
	$(LOWEST)/bin/python -m pytest -m "not slow" -q

format: $(STAMP) ## Format and auto-fix src, tests, notebooks, benchmarks
	$(BIN)/ruff format src tests notebooks benchmarks
	$(BIN)/ruff check --fix src tests notebooks benchmarks

clean: ## Remove the virtual environment
	rm -rf $(VENV)

bench: $(STAMP) ## Measure speed against the targets (a few minutes); prints a table for docs/maintainers.md
	$(BIN)/python benchmarks/run.py

DEMO := build/demo
DEMO_YEARS := 2009 2010 2011 2012 2013 2014 2015 2016

demo: $(STAMP) ## Synthetic years 2009-2016 (either side of the 2013 Africa split), all run, with trends, in build/demo
	@# Written afresh: a folder from before status.yaml marked synthetic years is not synth's to overwrite.
	rm -rf $(DEMO)/raw
	$(BIN)/python -m analysis synth --years "$(DEMO_YEARS)" --offices 130 --out $(DEMO)/raw
	$(BIN)/python -m analysis run --all --raw-dir $(DEMO)/raw --processed-dir $(DEMO)/processed --out-dir $(DEMO)/outputs
	@mkdir -p docs && cp $(DEMO)/outputs/trends/figures/trends_capacity_building.png docs/demo_trends_capacity_building.png
	@echo "Open $(DEMO)/outputs/trends/trends.html (synthetic data: see $(DEMO)/raw/README.md)"

AUDIT := build/audit

# Not part of `make test`: it needs a browser. It installs chromium and poppler-utils with
# apt-get where missing (as root), and axe-core from tests/browser/package-lock.json.
audit: $(STAMP) ## Open the $(YEAR) report and a trends page in headless Chromium: axe-core, 390 px, A4 and Letter
	@command -v chromium >/dev/null && command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || \
		{ echo "Installing chromium and poppler-utils (apt-get)"; apt-get update -qq && apt-get install -y -qq chromium poppler-utils; }
	cd tests/browser && npm ci --no-audit --no-fund --silent
	rm -rf $(AUDIT) && mkdir -p $(AUDIT)
	$(BIN)/python -m analysis run --quiet --year $(YEAR) --processed-dir $(AUDIT)/processed --out-dir $(AUDIT)/outputs
	@# Trends across a year without tables (2011) and UNFPA's 2013 change of regions.
	$(BIN)/python -m analysis synth --years 2009,2010,2012,2013 --offices 60 --out $(AUDIT)/synth/raw
	$(BIN)/python -m analysis run --quiet --all --raw-dir $(AUDIT)/synth/raw --processed-dir $(AUDIT)/synth/processed --out-dir $(AUDIT)/synth/outputs
	$(BIN)/python tests/browser/audit.py --out $(AUDIT)/browser $(AUDIT)/outputs/$(YEAR)/report.html \
		$(AUDIT)/synth/outputs/2013/report.html $(AUDIT)/synth/outputs/trends/trends.html
