"""The online citation resolver, replaying responses instead of using the network."""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.parse
from pathlib import Path

from handbook.bibliography import BibEntry, Bibliography
from handbook.resolver import DOI_API, ESUMMARY, Transport, normalise, resolve, titles_match
from tests.conftest import REPO

RESPONSES = REPO / "tests" / "fixtures" / "responses"


class Replay:
    """Answers requests from recorded files; counts requests; 404 for unknown DOIs."""

    def __init__(self, failures: int = 0) -> None:
        self.requests: list[str] = []
        self.failures = failures

    def __call__(self, request, timeout):
        url = request.full_url
        self.requests.append(url)
        assert request.get_header("User-agent").startswith("EczemaAutoimmunityHandbook")
        if self.failures:
            self.failures -= 1
            raise urllib.error.URLError("temporary failure")
        if url.startswith(ESUMMARY):
            return (RESPONSES / "esummary.json").read_bytes()
        if urllib.parse.unquote(url) == DOI_API + "10.1016/S0140-6736(20)31286-1":
            return (RESPONSES / "doi-found.json").read_bytes()
        raise urllib.error.HTTPError(url, 404, "Not Found", {},
                                     io.BytesIO(b'{"responseCode": 100}'))


def entry(key: str, line: int, **fields: str) -> BibEntry:
    return BibEntry(key, "article", fields, line, {name: line + 1 for name in fields})


def bibliography() -> Bibliography:
    entries = [
        entry("langan2020atopic", 1, title="Atopic dermatitis", doi="10.1016/S0140-6736(20)31286-1",
              pubmed="32738956"),
        entry("wrong2020title", 10, title="Filaggrin and the skin barrier", pubmed="11111111"),
        entry("missing2020pmid", 20, title="Anything", pubmed="22222222"),
        entry("bad2020doi", 30, title="Anything", doi="10.9999/not-a-real-doi"),
    ]
    return Bibliography("docs/references.bib", {e.key: e for e in entries}, [])


def test_reports_every_mismatch_with_its_line():
    replay = Replay()
    problems = [str(p) for p in resolve(bibliography(), Transport(opener=replay, sleep=lambda s: None))]
    assert problems == [
        "docs/references.bib:31: bad2020doi: DOI 10.9999/not-a-real-doi does not resolve at doi.org "
        "(hint: copy the DOI again from the PubMed or publisher record)",
        'docs/references.bib:11: wrong2020title: PubMed 11111111 is titled "A randomised trial of '
        'something else entirely in cardiology.", not "Filaggrin and the skin barrier" (hint: the '
        "PMID or the title belongs to another paper: check both against PubMed)",
        "docs/references.bib:21: missing2020pmid: PMID 22222222 not found in PubMed "
        "(hint: copy the PMID again from the PubMed record)",
    ]
    # PMIDs go to NCBI in one batched request
    assert sum(url.startswith(ESUMMARY) for url in replay.requests) == 1


def test_cache_answers_repeat_runs_without_requests(tmp_path: Path):
    cache = tmp_path / "cache.json"
    first = Replay()
    resolve(bibliography(), Transport(cache_path=cache, opener=first, sleep=lambda s: None))
    second = Replay()
    again = resolve(bibliography(), Transport(cache_path=cache, opener=second, sleep=lambda s: None))
    assert second.requests == [] and len(again) == 3
    assert json.loads(cache.read_text())


def test_retries_transient_failures_then_succeeds():
    waits: list[float] = []
    replay = Replay(failures=2)
    problems = resolve(bibliography(), Transport(opener=replay, sleep=waits.append))
    assert len(problems) == 3
    assert [w for w in waits if w >= 1][:2] == [1, 2]  # exponential back-off


def test_gives_up_after_retries_with_a_problem_not_a_traceback():
    replay = Replay(failures=100)
    problems = resolve(bibliography(), Transport(opener=replay, sleep=lambda s: None, retries=2))
    assert all("could not check" in p.message for p in problems) and len(problems) == 5


def test_rate_limit_spaces_requests_to_the_same_host():
    waits: list[float] = []
    transport = Transport(opener=Replay(), sleep=waits.append)
    transport.get_json(DOI_API + "10.1016/S0140-6736(20)31286-1", 0.5)
    transport.get_json(DOI_API + "10.9999/other", 0.5)
    assert waits and 0 < waits[0] <= 0.5


def test_title_comparison_ignores_case_punctuation_and_braces():
    assert normalise("{IL-31}: Itch, and {Atopic} Dermatitis.") == "il 31 itch and atopic dermatitis"
    assert titles_match("Atopic dermatitis", "Atopic dermatitis.")
    assert not titles_match("Atopic dermatitis", "Psoriasis")
