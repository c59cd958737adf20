"""A Content-Security-Policy on every web page: only the handbook's own scripts and styles run.

The policy goes in a ``<meta http-equiv>`` as the first element after ``<meta charset>``.
Scripts, styles and fonts load from the site itself (``'self'``).  The theme has a few inline
pieces (Furo's theme-toggle script, its colour variables, ``style`` attributes on its icons);
each is allowed by its sha256 hash, computed from the page *without* its content, so markup
that got into a chapter is never allowed by accident.  From the content only the column
widths the HTML writer puts on tables (``<col style="width: 25%">``) are allowed.  EPUB pages get no policy.

Used as Sphinx's ``template_bridge`` (set by :func:`setup` unless conf.py names another).
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.jinja2glue import BuiltinTemplateLoader

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)
STYLE_ATTR = re.compile(r"""<[a-zA-Z][^<>]*?\sstyle=(?:"([^"]*)"|'([^']*)')""")
#: Column widths the HTML writer gives tables in the content: numbers only, so safe to allow.
COLUMN_WIDTH = re.compile(r'<col style="(width: [0-9.]+%)"')
CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)


def sha256(text: str) -> str:
    """A CSP hash source for *text*."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def policy(chrome: str, content: str = "") -> str:
    """The policy for a page whose theme markup (everything but the content) is *chrome*."""
    scripts = sorted({sha256(s) for s in INLINE_SCRIPT.findall(chrome)})
    styles = sorted({sha256(s) for s in INLINE_STYLE.findall(chrome)})
    attrs = sorted({sha256(a or b) for a, b in STYLE_ATTR.findall(chrome)}
                   | {sha256(width) for width in COLUMN_WIDTH.findall(content)})
    attr_src = " ".join(["'unsafe-hashes'", *attrs]) if attrs else "'none'"
    return "; ".join([
        "default-src 'self'",
        " ".join(["script-src 'self'", *scripts]),
        " ".join(["style-src 'self'", *styles]),
        f"style-src-attr {attr_src}",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ])


def add_policy(html: str, content: str) -> str:
    """*html* with the policy inserted after its ``<meta charset>`` (or unchanged without one)."""
    match = CHARSET.search(html)
    if match is None:
        return html
    chrome = html.replace(content, "") if content else html
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{policy(chrome, content)}">'
    return html[:match.end()] + meta + html[match.end():]


class CspTemplateLoader(BuiltinTemplateLoader):
    """Sphinx's template loader, adding the policy to each rendered web page."""

    def init(self, builder, theme=None, dirs=None) -> None:
        super().init(builder, theme, dirs)
        self.web = builder.format == "html" and not builder.name.startswith("epub")

    def render(self, template: str, context: dict[str, Any]) -> str:  # type: ignore[override]
        html = super().render(template, context)
        if not getattr(self, "web", False):
            return html
        return add_policy(html, str(context.get("body") or ""))


def use_loader(app: Sphinx, config: Config) -> None:
    if not config.template_bridge:
        config.template_bridge = f"{__name__}.CspTemplateLoader"


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", use_loader)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
