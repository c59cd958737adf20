"""Sphinx configuration for the Eczema & Autoimmunity Handbook.

Organised in sections like the Python documentation's ``Doc/conf.py``.  The build is
strict (the Makefile passes ``-n -W --keep-going``) and fully offline.
"""

import os
import sys
from datetime import date
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
# Our extensions live in docs/_ext (Sphinx's convention).  The glossary and handbook
# packages they use are installed into .venv by `make` (pip install -e .).
sys.path.insert(0, str(DOCS / "_ext"))

# -- Project information ---------------------------------------------------------------

project = "The Eczema & Autoimmunity Handbook"
author = "The Eczema & Autoimmunity Handbook contributors"
copyright = f"2026–{date.today().year}, {author}. Text CC BY 4.0; code MIT"
version = release = "0.1"
language = "en"
# Spelling: British English (see CONTRIBUTING.md).

# -- General configuration -------------------------------------------------------------

extensions = [
    # Sphinx's own
    "sphinx.ext.doctest",
    # Third-party (pinned in requirements.lock)
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "notfound.extension",  # 404 page
    # Ours, one feature each, all parallel-safe (docs/_ext)
    "chapter_meta",     # {in-brief}, {evidence}, last-reviewed line, how to cite
    "glossary_terms",   # the YAML glossary: entries, hover definitions, backlinks, JSON
    "bib_style",        # reference list style: evidence type, DOI/PubMed/PMC links
    "bib_speedups",     # same reference lists and citations, computed faster
    "seed_claims",      # {seed-claim} boxes and the claims table
    "ledger_roles",     # {derived}, {claimed}, {own}: what kind of number the text states
    "source_excerpts",  # "What the source says" under each reference (docs/sources/*.yaml)
    "evidence_questions",  # the questions, their searches, the methods page (docs/questions)
    "figures",          # {forest-plot} and {pathway-figure}, drawn at build time
    "evidence_figures",  # autoreactivity, absolute risk, treatment steps, age, skin barrier
    "a11y_fixes",       # accessibility fixes to the theme's markup (found by axe-core)
    "search_index_entries",  # rebuilds keep the search index's index entries (Sphinx bug)
    "template_cache",   # compiled theme templates kept between builds (Jinja bytecode cache)
    "no_raw_html",      # raw HTML in content is shown as text; the {raw} directive is off
    "csp",              # Content-Security-Policy: only the handbook's own scripts and styles
    "page_meta",        # meta description, Open Graph tags; sitemap.xml with a base URL
]

root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "**/READ_FIRST.md"]
templates_path = [p for p in ["_templates"] if (DOCS / p).is_dir()]  # none at present
today_fmt = "%-d %B %Y"

# Strictness: every reference must resolve (the Makefile adds -n -W --keep-going).
nitpicky = True
# A reference list per chapter plus the full bibliography page list the same keys on
# purpose; citations resolve to the list in the same chapter first.
suppress_warnings = ["bibtex.duplicate_citation"]

# -- MyST ------------------------------------------------------------------------------

myst_enable_extensions = [
    "colon_fence",    # ::: fences for boxes
    "deflist",
    "attrs_inline",
    "smartquotes",
    "substitution",
]
myst_heading_anchors = 3
myst_substitutions = {"disclaimer": "This handbook informs; it is not medical advice."}

# -- Bibliography (sphinxcontrib-bibtex) -----------------------------------------------

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "handbook"          # defined in _ext/bib_style.py
bibtex_reference_style = "author_year"
bibtex_cite_id = "cite-{bibliography_count}-{key}"
bibtex_bibliography_id = "bibliography-{bibliography_count}"

# -- Glossary ----------------------------------------------------------------------------

glossary_terms_dir = str(ROOT / "glossary" / "terms")
glossary_page = "glossary/index"           # where the A–Z entries (and anchors) live

# -- Seed claims and figures -----------------------------------------------------------

seed_claims_file = str(DOCS / "data" / "claims.yaml")

# -- Doctest -----------------------------------------------------------------------------

doctest_global_setup = "from glossary import load_glossary"
doctest_test_doctest_blocks = ""

# -- HTML output -------------------------------------------------------------------------

html_theme = "furo"
html_title = "Eczema & Autoimmunity Handbook"
html_favicon = "_static/favicon.svg"
# The published address (Read the Docs sets it). Only with it do pages get a canonical link
# and og:url, and the build a sitemap.xml; local builds point at no guessed address.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
# The meta description of pages without text of their own (search, index); the others use
# their "In brief" summary or first paragraph (docs/_ext/page_meta.py).
page_meta_description = (
    "An open, evidence-based handbook answering \"Is eczema an autoimmune disease?\" for "
    "patients, parents, students and clinicians, with every claim sourced."
)
html_static_path = ["_static"]
html_css_files = ["handbook.css"]
html_last_updated_fmt = "%-d %B %Y"
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    # Shown at the top of every page (the medical disclaimer).
    "announcement": (
        "This handbook informs; it does not give individual medical advice. "
        "Talk to a clinician about your own care."
    ),
    "navigation_with_keys": True,
}

# 404 page: links are absolute. On Read the Docs the extension reads the site's path from
# the environment; anywhere else the site is assumed to be served from the root.
if not os.environ.get("READTHEDOCS"):
    notfound_urls_prefix = "/"
notfound_context = {
    "title": "Page not found",
    "body": (
        "<h1>Page not found</h1><p>This page does not exist, or it has moved. "
        "Start again from the <a href='/index.html'>front page</a>, or use the search box.</p>"
    ),
}

# -- LaTeX / PDF output ------------------------------------------------------------------

latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [
    # LaTeX needs "&" escaped in the title page strings.
    (root_doc, "eczema-autoimmunity-handbook.tex", project.replace("&", r"\&"),
     author.replace("&", r"\&"), "manual"),
]
latex_appendices = ["glossary/index"]   # the glossary at the back; LaTeX gathers all sources after it
latex_show_urls = "no"
latex_show_pagerefs = True
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "preamble": r"\usepackage{fontspec}",
    # contents, then a list of the figures drawn from the handbook's data
    "tableofcontents": r"\sphinxtableofcontents\listoffigures",
}

# -- EPUB output -------------------------------------------------------------------------

epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_show_urls = "no"
# Sphinx keeps the previous build's .buildinfo as .buildinfo.bak when the configuration changed;
# it is not part of the book (Sphinx 9.0 only skips .buildinfo itself).
epub_exclude_files = [".buildinfo.bak"]
