"""Online check of the bibliography: each DOI resolves at doi.org and each PMID exists in
PubMed with a title that matches the entry's.  Used only by ``make linkcheck``.

Network access goes through :class:`Transport`, so tests replay recorded responses.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from glossary.problems import Problem
from handbook.bibliography import BibEntry, Bibliography

USER_AGENT = ("EczemaAutoimmunityHandbook-citation-check/0.1 "
              "(open-source handbook; checks its own bibliography)")
DOI_API = "https://doi.org/api/handles/"
ESUMMARY = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esummary.fcgi"
#: NCBI allows 3 requests a second without an API key, 10 with one.
NCBI_INTERVAL = 0.11 if os.environ.get("NCBI_API_KEY") else 0.34
DOI_INTERVAL = 0.2
TITLE_MATCH = 0.85


@dataclass
class Transport:
    """Fetches JSON with retries, a minimum interval per host, and an on-disk cache."""

    cache_path: Path | None = None
    opener: Callable[[urllib.request.Request, float], bytes] | None = None
    retries: int = 3
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _cache: dict[str, object] | None = None

    def get_json(self, url: str, interval: float) -> object:
        cache = self._load_cache()
        if url in cache:
            return cache[url]
        host = urllib.parse.urlsplit(url).netloc
        wait = self._last.get(host, 0.0) + interval - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                       "Accept": "application/json"})
        error: Exception | None = None
        for attempt in range(self.retries):
            try:
                body = (self.opener or _urlopen)(request, 30.0)
                data = json.loads(body)
                cache[url] = data
                self._save_cache()
                return data
            except urllib.error.HTTPError as exc:
                if exc.code == 404:  # a definite answer: cache it
                    cache[url] = {"http_status": 404}
                    self._save_cache()
                    return cache[url]
                error = exc
            except (urllib.error.URLError, TimeoutError, json.JSONDecodeError) as exc:
                error = exc
            finally:
                self._last[host] = time.monotonic()
            self.sleep(2 ** attempt)
        raise ConnectionError(f"{url}: {error}")

    def _load_cache(self) -> dict[str, object]:
        if self._cache is None:
            self._cache = {}
            if self.cache_path and self.cache_path.exists():
                self._cache = json.loads(self.cache_path.read_text(encoding="utf-8"))
        return self._cache

    def _save_cache(self) -> None:
        if self.cache_path and self._cache is not None:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            self.cache_path.write_text(json.dumps(self._cache, indent=1, sort_keys=True))


def _urlopen(request: urllib.request.Request, timeout: float) -> bytes:
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


def normalise(title: str) -> str:
    """Lower-case letters and digits only, for comparing titles across sources."""
    return re.sub(r"[^a-z0-9]+", " ", re.sub(r"[{}\\]", "", title).casefold()).strip()


def titles_match(ours: str, theirs: str) -> bool:
    return difflib.SequenceMatcher(None, normalise(ours), normalise(theirs)).ratio() >= TITLE_MATCH


def check_dois(entries: Iterable[BibEntry], path: str, transport: Transport) -> list[Problem]:
    problems = []
    for entry in entries:
        doi = entry.fields.get("doi")
        if not doi:
            continue
        try:
            data = transport.get_json(DOI_API + urllib.parse.quote(doi, safe="/"), DOI_INTERVAL)
        except ConnectionError as exc:
            problems.append(Problem(path, entry.line_of("doi"), f"{entry.key}: could not check DOI: {exc}",
                                    "run make linkcheck again later"))
            continue
        if not isinstance(data, dict) or data.get("responseCode") != 1:
            problems.append(Problem(path, entry.line_of("doi"),
                                    f"{entry.key}: DOI {doi} does not resolve at doi.org",
                                    "copy the DOI again from the PubMed or publisher record"))
    return problems


def check_pmids(entries: Iterable[BibEntry], path: str, transport: Transport,
                batch: int = 100) -> list[Problem]:
    with_pmid = [e for e in entries if e.fields.get("pubmed")]
    problems = []
    for start in range(0, len(with_pmid), batch):
        chunk = with_pmid[start:start + batch]
        query = {"db": "pubmed", "retmode": "json", "tool": "eczema-autoimmunity-handbook",
                 "id": ",".join(e.fields["pubmed"] for e in chunk)}
        if os.environ.get("NCBI_API_KEY"):
            query["api_key"] = os.environ["NCBI_API_KEY"]
        if os.environ.get("NCBI_EMAIL"):
            query["email"] = os.environ["NCBI_EMAIL"]
        try:
            data = transport.get_json(f"{ESUMMARY}?{urllib.parse.urlencode(query)}", NCBI_INTERVAL)
        except ConnectionError as exc:
            problems += [Problem(path, e.line_of("pubmed"), f"{e.key}: could not check PMID: {exc}",
                                 "run make linkcheck again later") for e in chunk]
            continue
        result = data.get("result", {}) if isinstance(data, dict) else {}
        for entry in chunk:
            record = result.get(entry.fields["pubmed"], {})
            if not record or "error" in record or not record.get("title"):
                problems.append(Problem(path, entry.line_of("pubmed"),
                                        f"{entry.key}: PMID {entry.fields['pubmed']} not found in PubMed",
                                        "copy the PMID again from the PubMed record"))
            elif not titles_match(entry.fields.get("title", ""), record["title"]):
                problems.append(Problem(
                    path, entry.line_of("pubmed"),
                    f"{entry.key}: PubMed {entry.fields['pubmed']} is titled "
                    f"\"{record['title']}\", not \"{entry.fields.get('title', '')}\"",
                    "the PMID or the title belongs to another paper: check both against PubMed"))
    return problems


def resolve(bib: Bibliography, transport: Transport) -> list[Problem]:
    """Every DOI and PMID problem in *bib*."""
    entries = list(bib.entries.values())
    return check_dois(entries, bib.path, transport) + check_pmids(entries, bib.path, transport)
