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
SOURCE = "docs/sources/abuabara2019clinical.yaml"
QUESTION = "docs/questions/onset.yaml"
DATA = "docs/data/associations.csv"
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
    "csv-event-handler": (CSV, "Autoimmune skin diseases",
                          '"<b onmouseover=alert(1)>Autoimmune skin diseases</b>"',
                          f'{CSV}:3: raw HTML attribute "onmouseover" on <b> is an event handler'),
    "claim-box-unknown": (CHAPTER, "{seed-claim} sample-claim", "{seed-claim} other-claim",
                          f'{CHAPTER}:23: seed-claim "other-claim" is not in the claims file'),
    # The evidence ledger: numbers held to their sources' recorded words
    "ledger-changed-number": (CHAPTER, "5% to 15%", "5% to 16%",
                              f"{CHAPTER}:18: 16% is not in the recorded words of "
                              "abuabara2019clinical (hint: nearest numbers there: 15, 5, 2, 38"),
    "ledger-number-in-no-excerpt": (CHAPTER, "(odds ratio 1.97) {cite:p}`ivert2021association`",
                                    "(odds ratio 1.97) {cite:p}`langan2020atopic`",
                                    f"{CHAPTER}:20: 1.97 is not in the recorded words of "
                                    "langan2020atopic (hint: record the sentence"),
    "ledger-uncited-number": (CHAPTER, "## Names", "It affects 12% of adults.\n\n## Names",
                              f"{CHAPTER}:15: 12% has no cited source in its sentence"),
    "ledger-figure-data": (DATA, "3.10,3.02,3.18", "3.10,3.02,3.81",
                           f"{DATA}:3: 3.81 is not in the recorded words of ivert2021association"),
    "ledger-derived-arithmetic": (CHAPTER, "## Names", "A gap of {derived}`11 points <15 - 5>` "
                                  "{cite:p}`abuabara2019clinical`.\n\n## Names",
                                  f'{CHAPTER}:15: "11 points" does not agree with 15 - 5 = 10'),
    "ledger-derived-figure": (CHAPTER, "## Names", "A gap of {derived}`11 points <16 - 5>` "
                              "{cite:p}`abuabara2019clinical`.\n\n## Names",
                              f"{CHAPTER}:15: 16 is not in the recorded words of "
                              "abuabara2019clinical"),
    "ledger-spelled-share": (CHAPTER, "## Names", "About one adult in four has it.\n\n## Names",
                             f'{CHAPTER}:15: "one adult in four" is a share worked out'),
    "excerpt-too-long": (SOURCE, "followed from birth through age 42 to 50 years.",
                         "followed from birth through age 42 to 50 years." + " word" * 40,
                         f"{SOURCE}:9: excerpt has 76 words, more than 60"),
    "excerpt-bad-where": (SOURCE, "  - where: abstract\n    read: 2026-11-30\n    copy: http://47."
                          "251.13.51:8081/31260715\n    text: >-\n      We conducted",
                          "  - where: abstrakt\n    read: 2026-11-30\n    copy: http://47."
                          "251.13.51:8081/31260715\n    text: >-\n      We conducted",
                          f"{SOURCE}:6: excerpts.0.where: 'abstrakt' is not one of"),
    "excerpt-no-date": (SOURCE, "    read: 2026-11-30\n    copy: http://47.251.13.51:8081/31260715"
                        "\n    text: >-\n      We conducted",
                        "    copy: http://47.251.13.51:8081/31260715\n    text: >-\n"
                        "      We conducted",
                        f"{SOURCE}:6: excerpts.0: 'read' is a required property"),
    "excerpt-future-date": (SOURCE, "    read: 2026-11-30\n    copy: http://47.251.13.51:8081/31260715"
                            "\n    text: >-\n      We conducted",
                            "    read: 2099-01-01\n    copy: http://47.251.13.51:8081/31260715"
                            "\n    text: >-\n      We conducted",
                            f"{SOURCE}:9: read date 2099-01-01 is in the future"),
    # Evidence questions and their searches
    "question-unknown-chapter": (QUESTION, "chapter: one", "chapter: two",
                                 f'{QUESTION}:3: chapter "two" does not exist'),
    "question-included-not-cited": (QUESTION, "key: abuabara2019clinical", "key: akl2011using",
                                    f"{QUESTION}:12: included source akl2011using is not cited in "
                                    f"{CHAPTER}"),
    "question-included-unknown": (QUESTION, "key: abuabara2019clinical", "key: nobody2020none",
                                  f'{QUESTION}:12: included source "nobody2020none" is not in'),
    "question-excluded-no-reason": (QUESTION, "    reason: small and unrepresentative; superseded "
                                    "by the birth cohorts\n", "",
                                    f"{QUESTION}:15: excluded.0: 'reason' is a required property"),
    "question-screened-too-many": (QUESTION, "screened: 4", "screened: 40",
                                   f"{QUESTION}:6: a search screened more records than it found"),
    "question-no-search": (QUESTION, "searches:\n  - query: atopic eczema onset birth cohort adults"
                           "\n    where: PubMed and PMC records (handbook search tool, pages "
                           "corpus)\n    date: 2026-11-30\n    found: 10\n    screened: 4\n",
                           "searches: []\n", f"{QUESTION}:5: searches: [] should be non-empty"),
    "question-absence-not-in-chapter": (QUESTION, "says: no study has followed these cohorts",
                                        "says: no study has followed those cohorts",
                                        f'{QUESTION}:18: "no study has followed those cohorts past '
                                        f'the age of 50" is not in {CHAPTER}'),
    "chapter-unbacked-absence": (CHAPTER, "## Names", "No trial has shown that emollients cure "
                                 "it.\n\n## Names",
                                 f'{CHAPTER}:15: "no trial has…" says nothing was found, but '
                                 "no search backs it"),
    "claim-near-duplicate": (CLAIMS, "  chapter: one\n", "  chapter: one\n- id: sample-again\n"
                             "  seed: clinic\n  claim: A sample claim again.\n  verdict: marketing"
                             "\n  reason: Repeats it.\n  sources: [langan2020atopic]\n"
                             "  chapter: one\n",
                             f'{CLAIMS}:10: claim "sample-again" repeats claim "sample-claim"'),
    # Glossary II: MeSH identifiers, see-also, cited notes, first mentions, coverage
    "mesh-unknown-id": (GLOSSARY, "mesh: D000091344", "mesh: D999999999",
                        f"{GLOSSARY}:7: MeSH ID D999999999 is not a MeSH descriptor"),
    "mesh-wrong-heading": (GLOSSARY, "mesh: D000091344", "mesh: D003876",
                           f'{GLOSSARY}:7: MeSH D003876 is "Dermatitis, Atopic", which is not a '
                           "name of this entry"),
    "mesh-recorded-heading-differs": (GLOSSARY, "mesh: D000091344",
                                      "mesh: D000091344\n  mesh_heading: Filaggrin",
                                      f'{GLOSSARY}:7: MeSH D000091344 is "Filaggrin Proteins", not '
                                      '"Filaggrin"'),
    "see-also-one-way": (GLOSSARY, "see_also: [atopic-dermatitis]", "see_also: []",
                         f'{AD}:7: see_also "filaggrin" does not link back to "atopic-dermatitis"'),
    "see-also-empty": (GLOSSARY, "see_also: [atopic-dermatitis]", "see_also: []",
                       f'{GLOSSARY}:1: entry "filaggrin" has no see_also'),
    "note-cites-unlisted-source": (GLOSSARY, "sources: [langan2020atopic]",
                                   "note: See {cite:p}`akl2011using`.\nsources: [langan2020atopic]",
                                   f'{GLOSSARY}:6: note cites "akl2011using", which is not in '
                                   "sources"),
    "first-mention-unlinked": (CHAPTER, "## Names\n\n", "## Names\n\nFilaggrin first.\n\n",
                               f'{CHAPTER}:17: first mention of "Filaggrin" in this section is '
                               "not a glossary link"),
    "coverage-unknown-medicine": (CHAPTER, "## Names", "Dupilumab helps; dupilumab is an "
                                  "injection.\n\nMore dupilumab {cite:p}`langan2020atopic`."
                                  "\n\n## Names",
                                  f'{CHAPTER}:15: "dupilumab" is used 3 times in the chapters but '
                                  "has no glossary entry"),
    "directive-option-continued": (CHAPTER, ":alt: A forest plot.", ":alt: A forest\n  plot.",
                                   f"{CHAPTER}:29: a directive option continues on this line"),
    # Figure data: a bad row fails at its line
    "figure-share-out-of-range": ("docs/data/autoreactivity.csv", ",AD,546,15.0,", ",AD,546,150,",
                                  "docs/data/autoreactivity.csv:2: 150% is not a share (0–100)"),
    "figure-interval-order": ("docs/data/absolute-risk.csv", "1.77,1.71,1.83", "1.77,1.83,1.71",
                              "docs/data/absolute-risk.csv:2: need 0 < ci_low <= hazard_ratio"),
    "figure-number-not-in-source": ("docs/data/absolute-risk.csv", ",99,0.2,", ",99,0.3,",
                                    "docs/data/absolute-risk.csv:2: 0.3 is not in the recorded words "
                                    "of matthewman2024cohort"),
    "figure-unknown-source": ("docs/data/skin-barrier.yaml", "sources: [langan2020atopic]\n- label",
                              "sources: [nobody2020none]\n- label",
                              'docs/data/skin-barrier.yaml:4: source "nobody2020none" is not in'),
    "figure-schema": ("docs/data/age-patterns.yaml", "ages: [Children]", "ages: [Grown-ups]",
                      "docs/data/age-patterns.yaml:4: sites.0.ages.0: 'Grown-ups' is not one of"),
    "source-record-http": (SOURCE, "record: https://pubmed", "record: http://pubmed",
                           f"{SOURCE}:2: record: 'http://pubmed"),
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
    assert [p for p in problems(handbook) if "raw HTML" in p or "javascript" in p] == []


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


def test_a_record_for_an_unknown_key_is_reported(handbook: Path):
    (handbook / "docs/sources/nobody2020nothing.yaml").write_text(
        "record: https://pubmed.ncbi.nlm.nih.gov/1/\n")
    assert ('docs/sources/nobody2020nothing.yaml:1: "nobody2020nothing" is not a key in the '
            "bibliography") in "\n".join(problems(handbook))


def test_an_entry_without_a_source_record_is_reported(handbook: Path):
    (handbook / SOURCE).unlink()
    assert any(p.startswith("docs/references.bib:") and "abuabara2019clinical has no source "
               "record in docs/sources/" in p for p in problems(handbook))


@pytest.mark.parametrize(("old", "new"), [
    ("5% to 15%", "5–15%"), ("5% to 15%", "5 to 15 per cent"), ("5% to 15%", "5 % − 15 %"),
    ("17,000", "17000"), ("1.97", "1·97"), ("1.97", "1.970"),
])
def test_normalised_forms_of_a_recorded_number_pass(handbook: Path, old: str, new: str):
    edit(handbook / CHAPTER, old, new)
    assert problems(handbook) == []


def test_a_chapter_without_a_question_is_reported(handbook: Path):
    (handbook / QUESTION).unlink()
    assert f"{CHAPTER}:1: no evidence question is answered here" in "\n".join(problems(handbook))


def test_a_deliberate_plain_mention_passes(handbook: Path):
    edit(handbook / CHAPTER, "## Names\n\n", "## Names\n\n{no-term}`Filaggrin` first.\n\n")
    assert problems(handbook) == []


def test_a_word_listed_as_not_a_term_passes_and_needs_a_reason(handbook: Path):
    edit(handbook / CHAPTER, "## Names", "Dupilumab helps; dupilumab is an injection.\n\n"
         "More dupilumab {cite:p}`langan2020atopic`.\n\n## Names")
    not_terms = handbook / "glossary/not-terms.yaml"
    not_terms.write_text("- words: [dupilumab]\n  reason: a test of the list\n")
    assert problems(handbook) == []
    not_terms.write_text("- words: [dupilumab]\n  reason: test\n")
    assert "glossary/not-terms.yaml:1: this group has no reason" in "\n".join(problems(handbook))


def test_one_way_see_also_can_be_marked(handbook: Path):
    edit(handbook / GLOSSARY, "see_also: [atopic-dermatitis]", "see_also: []")
    edit(handbook / AD, "see_also: [filaggrin]", "see_also: [filaggrin]\nsee_also_one_way: [filaggrin]")
    found = problems(handbook)
    assert not any("does not link back" in p for p in found), found
