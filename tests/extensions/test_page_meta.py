"""Meta description and Open Graph tags on every page; canonical link and sitemap only with a
base URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import sphinx_build

pytestmark = pytest.mark.sphinx_build


def meta(html: str) -> dict[str, str]:
    soup = BeautifulSoup(html, "html.parser")
    found = {tag.get("name") or tag.get("property"): tag.get("content")
             for tag in soup.find_all("meta") if tag.get("content")}
    canonical = soup.find("link", rel="canonical")
    if canonical:
        found["canonical"] = canonical["href"]
    return found


def test_pages_describe_themselves_without_a_base_url(built_handbook):
    chapter = meta(built_handbook.html("chapters/one"))
    assert chapter["description"] == "A short summary."  # the "In brief"
    assert chapter["og:title"] == "Chapter one" and chapter["og:description"] == "A short summary."
    assert chapter["og:type"] == "article" and chapter["og:site_name"] == "Fixture handbook"
    for page in built_handbook.outdir.rglob("*.html"):
        tags = meta(page.read_text(encoding="utf-8"))
        assert tags.get("description") and tags.get("og:title"), page
        assert "canonical" not in tags and "og:url" not in tags, page
    assert not (built_handbook.outdir / "sitemap.xml").exists()


def test_a_base_url_adds_canonical_links_and_a_sitemap(handbook: Path, monkeypatch):
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://example.org/handbook/")
    build = sphinx_build(handbook)
    assert build.returncode == 0, build.output
    chapter = meta(build.html("chapters/one"))
    assert chapter["canonical"] == "https://example.org/handbook/chapters/one.html"
    assert chapter["og:url"] == chapter["canonical"]
    sitemap = (build.outdir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/handbook/chapters/one.html</loc>" in sitemap
    assert "<loc>https://example.org/handbook/index.html</loc>" in sitemap
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL")
    again = sphinx_build(handbook)
    assert again.returncode == 0, again.output
    assert not (build.outdir / "sitemap.xml").exists()  # no stale sitemap without a base URL
