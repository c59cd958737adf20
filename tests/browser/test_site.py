"""The HTML handbook as a reader uses it, in a real browser."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import REPO

pytestmark = pytest.mark.browser
#: Visiting every page (load checks and the axe scan) is the slowest test; it is split so
#: pytest-xdist workers share it.
A11Y_PARTS = 4
TERM_LINK = "a.reference:has(.std-term)"
BASE_URL = bool(os.environ.get("READTHEDOCS_CANONICAL_URL"))  # as conf.py reads it


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.name.startswith(("genindex", "search")) and p.name != "404.html")


def a11y_parts(site: Path) -> list[list[str]]:
    """The pages in A11Y_PARTS groups of about equal scanning time, largest page first.

    axe's time grows with a page's size, so the glossary, the largest page, has a part of its
    own and the others fill the remaining parts evenly.
    """
    parts: list[list[str]] = [[] for _ in range(A11Y_PARTS)]
    sizes = [0] * A11Y_PARTS
    for name in sorted(pages(site), key=lambda name: -(site / name).stat().st_size):
        smallest = sizes.index(min(sizes))
        parts[smallest].append(name)
        sizes[smallest] += (site / name).stat().st_size
    return parts


def page_problems(page, name: str) -> list[str]:
    """What is wrong with the page just loaded: console errors, its head (Content-Security-
    Policy, description, Open Graph, favicon, canonical link) and axe's serious or critical
    accessibility violations."""
    problems = [f"console error: {error}" for error in page.console_errors]
    if page.locator('meta[http-equiv="Content-Security-Policy"]').count() != 1:
        problems.append("no Content-Security-Policy meta tag")
    head = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        'meta[name=description], meta[property^="og:"]')].map(m => [
        m.getAttribute('name') || m.getAttribute('property'), m.content]))""")
    if len(head.get("description", "")) <= 20:
        problems.append(f"meta description missing or too short: {head}")
    if not head.get("og:title") or head.get("og:description") != head.get("description"):
        problems.append(f"Open Graph title or description missing: {head}")
    icon = page.locator('link[rel~="icon"]').get_attribute("href") or ""
    if not icon.endswith("favicon.svg") or not page.request.get(urljoin(page.url, icon)).ok:
        problems.append(f"favicon link {icon!r} missing or broken")
    # A canonical link and og:url only when the site has a base URL
    if page.locator('link[rel="canonical"]').count() != int(BASE_URL) or \
            ("og:url" in head) != BASE_URL:
        problems.append(f"canonical link or og:url present={not BASE_URL}, expected {BASE_URL}")
    for violation in Axe().run(page).response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            nodes = [n["target"] for n in violation["nodes"]][:3]
            problems.append(f"axe {violation['id']} ({violation['impact']}): {nodes}")
    return [f"{name}: {problem}" for problem in problems]


@pytest.mark.slow
@pytest.mark.parametrize("part", range(A11Y_PARTS))
def test_every_page_loads_cleanly_and_accessibly(page, server, site, part):
    """Each page answers 200 and loads under its Content-Security-Policy with no console
    error, no failed request (favicon, scripts, styles, images, fonts) and no request
    outside the site; it describes itself (meta description, Open Graph), has a favicon and
    no serious or critical accessibility violation.  Every problem is reported at once."""
    failed = []
    page.on("response", lambda response: response.status >= 400
            and failed.append(f"{response.status} {response.url}"))
    problems = []
    for name in a11y_parts(site)[part]:
        page.console_errors.clear()
        response = page.goto(f"{server}/{name}")
        page.wait_for_load_state("load")
        if response.status != 200:
            problems.append(f"{name}: status {response.status}")
            continue
        problems += page_problems(page, name)
    problems += [f"failed request: {line}" for line in failed]
    problems += [f"outside request: {url}" for url in page.outside_requests]
    assert not problems, "\n".join(problems)


def test_a_sitemap_exactly_when_the_site_has_a_base_url(site):
    assert (site / "sitemap.xml").exists() == BASE_URL


def test_the_accessibility_parts_scan_every_page_once(site):
    scanned = [name for part in a11y_parts(site) for name in part]
    assert sorted(scanned) == pages(site) and "glossary/index.html" in scanned


def test_term_link_lands_on_its_glossary_entry(page, server):
    page.goto(f"{server}/chapters/mechanisms.html")
    link = page.locator(TERM_LINK, has_text=re.compile(r"^filaggrin$", re.I)).first
    link.click()
    page.wait_for_url(re.compile(r"/glossary/index\.html#term-filaggrin$"))
    assert page.locator("#term-filaggrin").is_visible()


def test_hover_and_keyboard_focus_show_the_definition(page, server):
    page.goto(f"{server}/chapters/mechanisms.html")
    link = page.locator(TERM_LINK, has_text=re.compile(r"^filaggrin$", re.I)).first
    link.hover()
    tip = page.locator("#glossary-tooltip")
    tip.wait_for(state="visible")
    assert tip.inner_text().startswith("Filaggrin:")
    assert link.get_attribute("aria-describedby") == "glossary-tooltip"
    page.mouse.move(0, 0)
    tip.wait_for(state="hidden")
    link.focus()
    tip.wait_for(state="visible")
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")


def test_search_finds_the_glossary_entry_first(page, server):
    page.goto(f"{server}/search.html?q=filaggrin")
    first = page.locator("#search-results ul.search li a").first
    first.wait_for(timeout=15000)
    assert re.search(r"glossary/index\.html(\?[^#]*)?#term-filaggrin$", first.get_attribute("href"))


def test_dark_mode_toggle_changes_the_colours(page, server):
    page.goto(f"{server}/chapters/words.html")
    toggle = page.locator("button.theme-toggle:visible").first
    themes = []
    for _ in range(3):
        toggle.click()
        themes.append(page.evaluate("document.body.dataset.theme"))
    assert "dark" in themes and "light" in themes
    while page.evaluate("document.body.dataset.theme") != "dark":
        toggle.click()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    red, green, blue = (int(v) for v in re.findall(r"\d+", background)[:3])
    assert red + green + blue < 150, background


@pytest.mark.parametrize("width", [320, 1280])
def test_glossary_letters_are_touch_targets_of_24_px(page, server, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{server}/glossary/index.html")
    boxes = page.eval_on_selector_all(".glossary-letters a", """links => links.map(a => {
        const box = a.getBoundingClientRect();
        return {letter: a.textContent, width: box.width, height: box.height};
    })""")
    assert len(boxes) >= 10
    assert [box for box in boxes if box["width"] < 24 or box["height"] < 24] == []


@pytest.mark.parametrize("width", [320, 360, 390])
def test_medical_advice_banner_wraps_and_is_read_whole(page, server, width):
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(f"{server}/chapters/mechanisms.html")
    banner = page.locator(".announcement")
    size = banner.evaluate("""b => ({scroll: b.scrollWidth, client: b.clientWidth,
        scrollHeight: b.scrollHeight, clientHeight: b.clientHeight,
        right: b.getBoundingClientRect().right, text: b.innerText})""")
    assert size["scroll"] <= size["client"] + 1, size          # no sideways scroll inside it
    assert size["scrollHeight"] <= size["clientHeight"] + 1, size  # nothing cut off below
    assert size["right"] <= width + 1, size
    assert "does not give individual medical advice" in size["text"]
    text = banner.locator(".announcement-content")
    box = text.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, box


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag in ("a", "link") and values.get("href"):
            self.links.append(values["href"])
        if tag in ("img", "script") and values.get("src"):
            self.links.append(values["src"])


def test_crawl_finds_no_broken_internal_link(site):
    parsed = {}
    for path in site.rglob("*.html"):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        parsed[path] = parser
    broken = []
    for path, parser in parsed.items():
        if path.name == "404.html":
            continue  # root-absolute links, checked by serving it
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("mailto:", "//")):
                continue
            target = (path.parent / parts.path).resolve() if parts.path else path
            if not target.exists():
                broken.append(f"{path.relative_to(site)} -> {link}")
            elif parts.fragment and target.suffix == ".html" and \
                    parts.fragment not in parsed[target].ids:
                broken.append(f"{path.relative_to(site)} -> {link} (no such anchor)")
    assert broken == []


def test_404_page_works_from_a_nested_path(page, server):
    page.goto(f"{server}/404.html")
    assert "Page not found" in page.inner_text("body")
    for href in page.eval_on_selector_all("link[rel=stylesheet]", "els => els.map(e => e.href)"):
        assert page.request.get(urljoin(server, urlsplit(href).path)).ok, href


def test_chapter_screenshot_for_the_readme(page, server):
    page.set_viewport_size({"width": 1280, "height": 860})
    page.goto(f"{server}/chapters/autoimmune-evidence.html")
    target = REPO / "_build" / "screenshots" / "chapter.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000


def test_phone_layout_has_no_sideways_scrolling(page, server):
    page.set_viewport_size({"width": 390, "height": 844})
    for name in ("index.html", "chapters/treatment.html", "chapters/claims.html"):
        page.goto(f"{server}/{name}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (name, overflow)


def test_print_stylesheet_hides_navigation(page, server):
    page.goto(f"{server}/chapters/words.html")
    page.emulate_media(media="print")
    assert not page.locator(".sidebar-drawer").is_visible()
    assert page.locator("article").is_visible()


FIGURE_PAGES = {"chapters/autoimmune-evidence": 1, "chapters/comorbidities": 2,
                "chapters/mechanisms": 2, "chapters/treatment": 1, "chapters/epidemiology": 1,
                "methods": 1}


def test_every_figure_loads_and_stays_readable_in_both_colour_schemes(page, server):
    problems = []
    for name, count in FIGURE_PAGES.items():
        page.goto(f"{server}/{name}.html")
        for scheme in ("light", "dark"):
            page.evaluate(f"document.body.dataset.theme = '{scheme}'")
            figures = page.eval_on_selector_all("img.generated-figure", """imgs => imgs.map(img => ({
                loaded: img.complete && img.naturalWidth > 0, alt: img.alt,
                background: getComputedStyle(img).backgroundColor}))""")
            if len(figures) < count:
                problems.append(f"{name}: {len(figures)} figures, expected at least {count}")
            # drawn on a white panel in either scheme, so its dark text stays readable
            problems += [f"{name} ({scheme}): {figure}" for figure in figures
                         if not (figure["loaded"] and figure["alt"]) or figure["background"]
                         not in ("rgb(255, 255, 255)", "rgba(255, 255, 255, 1)")]
    assert not problems, "\n".join(problems)
