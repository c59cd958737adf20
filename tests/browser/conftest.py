"""Serve the built handbook on 127.0.0.1 and drive Debian's Chromium with Playwright.

The site is built afresh into _build/browser-html once per session (extension code changes
are invisible to incremental builds), unless HANDBOOK_SITE names a site built afresh in the
same run: ``make test`` sets it to the clean strict build it has just made
(_build/test-html), so the handbook is built once.  When
Chromium is not installed the tests are skipped with a message saying how to install it;
CI installs it (.ci/run), so there they always run.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium")
# Each pytest-xdist worker that needs the site builds its own copy (never the same folder).
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
SITE = REPO / "_build" / ("browser-html" + (f"-{WORKER}" if WORKER else ""))
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def site() -> Path:
    shared = os.environ.get("HANDBOOK_SITE")
    if shared:
        assert (Path(shared) / "index.html").is_file(), f"HANDBOOK_SITE={shared} holds no built site"
        return Path(shared).resolve()
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-q", "-E", "-j", "auto",
         "-d", str(SITE.with_name(SITE.name + "-doctrees")), str(REPO / "docs"), str(SITE)],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return SITE


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium not found at {CHROMIUM}: install it with "
                    "'apt-get install chromium' (or set HANDBOOK_CHROMIUM) to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that may only talk to the local server; other requests are recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.outside_requests = []
    page.console_errors = []

    def route(route):
        if route.request.url.startswith(server) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            page.outside_requests.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()
