"""The bad-input corpus: each defect, injected into the fixture handbook, is reported with
its file, line and message, and the clean fixture passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.check import Layout, run_checks


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(root: Path) -> list[str]:
    return [str(p) for p in run_checks(Layout(root))]


def test_clean_fixture_passes(handbook: Path):
    assert problems(handbook) == []


GLOSSARY = "glossary/terms/filaggrin.yaml"
AD = "glossary/terms/atopic-dermatitis.yaml"
BIB = "docs/references.bib"
CHAPTER = "docs/chapters/one.md"
CLAIMS = "docs/data/claims.yaml"
CSV = "docs/data/associations.csv"
FILAGGRIN = "A skin barrier protein made in the outer layer of the skin."

# (file, old text, new text, expected "path:line: message" prefix)
DEFECTS = {
    "yaml-syntax": (GLOSSARY, "category: genetics", "category: [genetics",
                    f"{GLOSSARY}:4: YAML syntax error"),
    "duplicate-key": (GLOSSARY, "plurals: [filaggrins]\n", "plurals: [filaggrins]\nterm: Again\n",
                      f'{GLOSSARY}:3: duplicate key "term" (first at line 1)'),
    "unknown-key": (GLOSSARY, "plurals:", "plural:", f"{GLOSSARY}:2: entry: Additional properties"),
    "bad-category": (GLOSSARY, "genetics-and-skin-barrier", "genes",
                     f"{GLOSSARY}:3: category: 'genes' is not one of"),
    "placeholder-definition": (GLOSSARY, "A skin barrier protein made in the outer layer of the skin.",
                               "TBD, to be written by the glossary team.",
                               f"{GLOSSARY}:4: definition is empty or a placeholder"),
    "duplicate-name": (GLOSSARY, "plurals: [filaggrins]", "plurals: [filaggrins, AD]",
                       f'{GLOSSARY}:2: "AD" is already a name of entry "atopic-dermatitis"'),
    "see-also-missing": (AD, "see_also: [filaggrin]", "see_also: [filagrin]",
                         f'{AD}:7: see_also id "filagrin" does not exist (hint: did you mean'),
    "see-also-self": (AD, "see_also: [filaggrin]", "see_also: [atopic-dermatitis, filaggrin]",
                      f'{AD}:7: see_also names the entry itself'),
    "glossary-cites-missing-key": (GLOSSARY, "sources: [langan2020atopic]",
                                   "sources: [langan2020atopic, nobody2020nothing]",
                                   f'{GLOSSARY}:6: citation key "nobody2020nothing" is not in'),
    "term-in-definition-unresolved": (AD, "see {term}`filaggrin`", "see {term}`keratin`",
                                      f'{AD}:5: {{term}} "keratin" matches no glossary entry'),
    "bib-syntax": (BIB, "  year     = {2020},", "  year     = {2020,",
                   f"{BIB}:"),
    "bib-duplicate-key": (BIB, "@article{langan2020atopic,", "@misc{langan2020atopic,\n"
                          "  title={x}, author={A, B}, year={2020}, url={https://x.org},"
                          " evidence={web-page},\n}\n@article{langan2020atopic,",
                          f'{BIB}:4: duplicate key "langan2020atopic" (first at line 1)'),
    "bib-doi-url": (BIB, "{10.1016/S0140-6736(20)31286-1}",
                    "{https://doi.org/10.1016/S0140-6736(20)31286-1}",
                    f'{BIB}:9: langan2020atopic: DOI "https://doi.org/10.1016'),
    "bib-pmid-field": (BIB, "pubmed   = {32738956}", "pmid     = {32738956}",
                       f"{BIB}:10: langan2020atopic: use the field name pubmed, not pmid"),
    "bib-pmid-digits": (BIB, "{32738956}", "{PMID32738956}",
                        f'{BIB}:10: langan2020atopic: PMID "PMID32738956" is not all digits'),
    "bib-pmcid": (BIB, "  evidence", "  pmcid    = {7000000},\n  evidence",
                  f'{BIB}:11: langan2020atopic: PMCID "7000000" is not PMC followed by digits'),
    "bib-year": (BIB, "{2020}", "{2202}", f'{BIB}:5: langan2020atopic: year "2202" is not plausible'),
    "bib-evidence": (BIB, "{narrative-review}", "{opinion}",
                     f'{BIB}:11: langan2020atopic: evidence type "opinion" is not in the set'),
    "bib-missing-field": (BIB, "  journal  = {The Lancet},\n", "",
                          f"{BIB}:1: langan2020atopic: missing field journal"),
    "bib-uncited": (BIB, "@article{langan2020atopic,", "@misc{smith2021unused,\n  title={x},"
                    " author={Smith, A}, year={2021}, url={https://example.org/x},"
                    " evidence={web-page},\n}\n@article{langan2020atopic,",
                    f"{BIB}:1: smith2021unused: not cited anywhere"),
    "bib-same-doi": (BIB, "@article{langan2020atopic,", "@article{langan2021atopic,\n"
                     "  author={Langan, S}, title={Again}, journal={L}, year={2021}, volume={1},"
                     "\n  doi={10.1016/S0140-6736(20)31286-1}, evidence={web-page},\n}\n"
                     "@article{langan2020atopic,",
                     f'{BIB}:13: langan2020atopic: same doi as "langan2021atopic"'),
    "chapter-missing-key": (CHAPTER, "{cite:p}`langan2020atopic`", "{cite:p}`langan2020atopik`",
                            f'{CHAPTER}:13: citation key "langan2020atopik" is not in'),
    "chapter-unknown-term": (CHAPTER, "{term}`AD`", "{term}`ADX`",
                             f'{CHAPTER}:13: {{term}} "ADX" matches no glossary entry'),
    "chapter-http-link": (CHAPTER, "## Names", "See [a page](http://example.org/a).\n\n## Names",
                          f"{CHAPTER}:15: link uses http: http://example.org/a"),
    "chapter-malformed-link": (CHAPTER, "## Names", "See [a page](https://nodots/a).\n\n## Names",
                               f"{CHAPTER}:15: malformed link: https://nodots/a"),
    "chapter-no-in-brief": (CHAPTER, "```{in-brief}", "```{note}",
                            f'{CHAPTER}:1: chapter has no "In brief" summary'),
    "chapter-no-review-date": (CHAPTER, "last_reviewed: 2026-11-22", "reviewer: someone",
                               f"{CHAPTER}:1: chapter has no last_reviewed date"),
    "chapter-bad-review-date": (CHAPTER, "last_reviewed: 2026-11-22", "last_reviewed: soon",
                                f'{CHAPTER}:2: last_reviewed "soon" is not a date'),
    "chapter-evidence-label": (CHAPTER, "{evidence}`guideline`", "{evidence}`anecdote`",
                               f'{CHAPTER}:13: evidence label "anecdote" is not in the set'),
    "claim-verdict": (CLAIMS, "verdict: unsupported", "verdict: dubious",
                      f'{CLAIMS}:4: verdict "dubious" is not on the scale'),
    "claim-no-reason": (CLAIMS, "reason: No evidence supports it.", "reason: ''",
                        f'{CLAIMS}:5: claim "sample-claim" has no reason'),
    "claim-missing-key": (CLAIMS, "sources: [langan2020atopic]", "sources: [nobody2020nothing]",
                          f'{CLAIMS}:6: citation key "nobody2020nothing" is not in'),
    # Raw HTML and script, in a chapter and in a glossary entry (see handbook/rawhtml.py).
    "chapter-script-tag": (CHAPTER, "## Names", "<script>alert(1)</script>\n\n## Names",
                           f"{CHAPTER}:15: raw HTML <script> is not allowed in content (hint:"),
    "chapter-event-handler": (CHAPTER, "## Names", 'A picture <img src="x.png" onerror="alert(1)">.'
                              "\n\n## Names",
                              f'{CHAPTER}:15: raw HTML attribute "onerror" on <img> is an event handler'),
    "chapter-javascript-link": (CHAPTER, "## Names", "See [this](javascript:alert(1)).\n\n## Names",
                                f"{CHAPTER}:15: javascript: link (runs script when followed)"),
    "chapter-javascript-href": (CHAPTER, "## Names", '<a href="javascript:alert(1)">x</a>\n\n## Names',
                                f"{CHAPTER}:15: raw HTML <a> links to a javascript: URL"),
    "chapter-iframe": (CHAPTER, "## Names", '<iframe src="https://example.org/"></iframe>\n\n## Names',
                       f"{CHAPTER}:15: raw HTML <iframe> is not allowed in content"),
    "chapter-allowed-tag-with-handler": (CHAPTER, "## Names", 'H<sub onclick="x()">2</sub>O\n\n## Names',
                                         f'{CHAPTER}:15: raw HTML attribute "onclick" on <sub>'),
    "chapter-raw-directive": (CHAPTER, "## Names", "```{raw} html\n<b>x</b>\n```\n\n## Names",
                              f"{CHAPTER}:15: the {{raw}} directive passes markup through unchecked"),
    "chapter-raw-role": (CHAPTER, "## Names", "Bold {raw}`<b>x</b>`.\n\n## Names",
                         f"{CHAPTER}:15: the {{raw}} role passes markup through unchecked"),
    "chapter-html-comment": (CHAPTER, "## Names", "<!-- a note -->\n\n## Names",
                             f"{CHAPTER}:15: raw HTML comment <!-- --> in content (hint: use a MyST"),
    "front-matter-script": (CHAPTER, "last_reviewed: 2026-11-22",
                            "last_reviewed: 2026-11-22\nmyst:\n  substitutions:\n"
                            "    x: <script>alert(1)</script>",
                            f"{CHAPTER}:5: raw HTML <script> is not allowed in content"),
    "glossary-script-tag": (GLOSSARY, FILAGGRIN, FILAGGRIN + " <script>alert(1)</script>",
                            f"{GLOSSARY}:5: raw HTML <script> is not allowed in content"),
    "glossary-event-handler": (GLOSSARY, FILAGGRIN, FILAGGRIN + '\n  <img src="x" onerror="alert(1)">',
                               f'{GLOSSARY}:6: raw HTML attribute "onerror" on <img> is an event handler'),
    "glossary-javascript-link": (GLOSSARY, FILAGGRIN, FILAGGRIN + " See [this](javascript:alert(1)).",
                                 f"{GLOSSARY}:5: javascript: link (runs script when followed)"),
    "glossary-iframe": (GLOSSARY, "plurals: [filaggrins]",
                        'plurals: [filaggrins, "<iframe src=https://example.org></iframe>"]',
                        f"{GLOSSARY}:2: raw HTML <iframe> is not allowed in content"),
    "claim-script-tag": (CLAIMS, "claim: A sample claim.", "claim: A <script>alert(1)</script> claim.",
                         f"{CLAIMS}:3: raw HTML <script> is not allowed in content"),
    "csv-event-handler": (CSV, '"cohort"', '"<b onmouseover=alert(1)>cohort</b>"',
                          f'{CSV}:3: raw HTML attribute "onmouseover" on <b> is an event handler'),
    "claim-box-unknown": (CHAPTER, "{seed-claim} sample-claim", "{seed-claim} other-claim",
                          f'{CHAPTER}:19: seed-claim "other-claim" is not in the claims file'),
}


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_each_defect_is_reported_at_its_line(handbook: Path, name: str):
    file, old, new, expected = DEFECTS[name]
    edit(handbook / file, old, new)
    found = problems(handbook)
    assert any(p.startswith(expected) for p in found), "\n".join(found)


def test_allowed_tags_and_code_are_not_raw_html(handbook: Path):
    edit(handbook / CHAPTER, "## Names",
         'H<sub>2</sub>O, 10<sup>9</sup>, <abbr title="atopic dermatitis">AD</abbr>, x < y.\n'
         "Inline `<script>` code is fine.\n\n```html\n<script>alert(1)</script>\n```\n\n## Names")
    edit(handbook / GLOSSARY, FILAGGRIN, FILAGGRIN + " Written `<b>` in code.")
    assert problems(handbook) == []


def test_every_raw_html_problem_is_reported_in_one_run(handbook: Path):
    edit(handbook / CHAPTER, "## Names", "<script>a()</script> <iframe></iframe>\n\n## Names")
    edit(handbook / GLOSSARY, FILAGGRIN, FILAGGRIN + " <script>b()</script>")
    found = [p for p in problems(handbook) if "raw HTML" in p]
    assert [p.split(": raw")[0] for p in found] == [f"{CHAPTER}:15", f"{CHAPTER}:15", f"{GLOSSARY}:5"]


def test_unlinked_entry_is_reported(handbook: Path):
    (handbook / "glossary/terms/keratin.yaml").write_text(
        "term: Keratin\ncategory: genetics-and-skin-barrier\n"
        "definition: A tough protein in skin, hair and nails.\nsources: [langan2020atopic]\n")
    assert 'glossary/terms/keratin.yaml:1: entry "keratin" is not linked from anywhere' in \
        "\n".join(problems(handbook))


def test_all_problems_are_reported_in_one_run(handbook: Path):
    for name in ("bib-year", "chapter-unknown-term", "claim-verdict", "bad-category"):
        file, old, new, _ = DEFECTS[name]
        edit(handbook / file, old, new)
    found = problems(handbook)
    for name in ("bib-year", "chapter-unknown-term", "claim-verdict", "bad-category"):
        assert any(p.startswith(DEFECTS[name][3]) for p in found), name


def test_control_characters_in_a_key_are_reported_not_raised(handbook: Path):
    # Found by hypothesis: a NUL byte in a BibTeX key once raised KeyError.
    edit(handbook / BIB, "@article{langan2020atopic,", "@article{\x00,\n}\n@article{langan2020atopic,")
    assert problems(handbook) != []
