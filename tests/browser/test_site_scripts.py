"""Every script on every page of the built site is the handbook's own (no browser needed)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    return []


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_every_script_is_local_or_allowed_by_hash(site: Path):
    problems = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        found = CSP.search(html)
        if not found:
            problems.append(f"{name}: no Content-Security-Policy")
            continue
        policy = found[1]
        scripts = directive(policy, "script-src")
        if "'self'" not in scripts or {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(scripts):
            problems.append(f"{name}: script-src {scripts}")
        if directive(policy, "object-src") != ["'none'"]:
            problems.append(f"{name}: object-src is not 'none'")
        for script in BeautifulSoup(html, "html.parser").find_all("script"):
            src = script.get("src")
            if src:
                parts = urlsplit(src)
                base = site if parts.path.startswith("/") else page.parent  # the 404 page's links
                if parts.scheme or parts.netloc or not (base / parts.path.lstrip("/")).resolve().is_file():
                    problems.append(f"{name}: script {src} is not a file of the site")
            elif sha256(script.string or "") not in scripts:
                problems.append(f"{name}: inline script not allowed by the policy: "
                                f"{(script.string or '')[:60]!r}")
    assert problems == []
