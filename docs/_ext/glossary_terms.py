"""Render the YAML glossary (``glossary/terms/*.yaml``) as native Sphinx glossary entries.

* ``{glossary-entries}`` (on the glossary page): every entry, A–Z with letter navigation.
  Each term, abbreviation, synonym and plural is registered with Sphinx's standard domain,
  so ``{term}`` links resolve from any page; anchors are ``term-<id>`` and never change
  when the display text is reworded.  Each entry shows a "Used in" list of the chapter
  sections that link it, computed at build time.
* ``{glossary-categories}``: the same entries grouped by category.
* ``{glossary-json}`text``` links to ``glossary.json`` from any page (HTML only).
* Hover or keyboard focus on any term link shows the short definition (``glossary-hover.js``
  with data in ``_static/glossary-data.js``); the whole glossary is published as
  ``glossary.json``.

The data are read with the ``glossary`` package, and its rules are reported as build
warnings, so the validators and the build share one implementation.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains import Domain, ObjType
from sphinx.domains.std import make_glossary_term
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import make_refnode

from glossary.loader import read_terms
from glossary.model import CATEGORIES, Entry, Glossary
from glossary.rules import check_glossary
from glossary.skos import to_skos
from glossary.yamlsource import folder_stamp
from handbook.sources import read_sources

logger = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"

_cache: dict[str, tuple[tuple, Glossary, list]] = {}


def load(terms_dir: str) -> tuple[Glossary, list]:
    """The glossary and its problems, re-read only when a term file changed."""
    directory = Path(terms_dir)
    stamp = folder_stamp(directory)
    cached = _cache.get(terms_dir)
    if cached is None or cached[0] != stamp:
        entries, problems = read_terms(directory)
        glossary = Glossary(entries)
        problems += check_glossary(glossary)
        _cache[terms_dir] = (stamp, glossary, problems)
    return _cache[terms_dir][1], _cache[terms_dir][2]


def fingerprint(glossary: Glossary) -> dict[str, str]:
    """name (case-folded) -> entry id: what every ``{term}`` link resolves to."""
    return {name.casefold(): entry.id for entry in glossary for name in entry.names}


class GlossaryDomain(Domain):
    """Makes glossary entries search results, ranked above ordinary page matches.

    Sphinx indexes glossary terms with a negative search priority, so searching for a term
    would only find the pages that mention it; this domain lists each entry (its term,
    abbreviations and synonyms) as an object of its own.  Links still use ``{term}``.
    """

    name = "glossary"
    label = "Glossary"
    object_types: ClassVar[dict[str, ObjType]] = {
        "entry": ObjType("glossary entry", "term", searchprio=0)}
    initial_data: ClassVar[dict] = {"entries": {}}  # id -> (docname, anchor, names)

    @property
    def entries(self) -> dict[str, tuple[str, str, tuple[str, ...]]]:
        return self.data["entries"]

    def note_entry(self, entry: Entry) -> None:
        names = (entry.term, *entry.abbreviations, *entry.synonyms)
        self.entries[entry.id] = (self.env.docname, entry.anchor, names)

    def clear_doc(self, docname: str) -> None:
        for entry_id in [i for i, (doc, _, _) in self.entries.items() if doc == docname]:
            del self.entries[entry_id]

    def merge_domaindata(self, docnames, otherdata: dict) -> None:
        for entry_id, data in otherdata["entries"].items():
            if data[0] in docnames:
                self.entries[entry_id] = data

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []

    def get_objects(self):
        for _entry_id, (docname, anchor, names) in sorted(self.entries.items()):
            for i, name in enumerate(names):
                yield name, name, "entry", docname, anchor, 0 if i == 0 else 1


class used_in(nodes.General, nodes.Element):
    """Placeholder for an entry's "Used in" list, filled when the page is resolved."""


class GlossaryDirective(SphinxDirective):
    """Shared set-up: load the data and make the page depend on every term file."""

    def glossary(self) -> Glossary:
        directory = Path(self.config.glossary_terms_dir)
        # Sphinx can only watch files: a new term file is noticed by outdated_by_glossary.
        for path in directory.glob("*.yaml"):
            self.env.note_dependency(str(path))
        return load(str(directory))[0]

    def parse_myst(self, text: str, entry: Entry, key: str) -> list[nodes.Node]:
        """Parse MyST from a term file; nodes point to the file and line for messages."""
        parsed = self.parse_text_to_nodes(text)
        for top in parsed:
            for node in top.findall():
                if isinstance(node, nodes.Element):
                    node.source = str(Path(self.config.glossary_terms_dir) / f"{entry.id}.yaml")
                    node.line = entry.line_of(key)
        return parsed


class GlossaryEntries(GlossaryDirective):
    """All entries, A–Z, as native glossary terms."""

    def run(self) -> list[nodes.Node]:
        glossary = self.glossary()
        std = self.env.domains.standard_domain
        by_letter: dict[str, list[Entry]] = defaultdict(list)
        for entry in glossary:
            letter = entry.term[0].upper()
            by_letter[letter if letter.isalpha() else "#"].append(entry)

        result: list[nodes.Node] = []
        letters = nodes.paragraph(classes=["glossary-letters"])
        for i, letter in enumerate(sorted(by_letter)):
            if i:
                letters += nodes.Text(" ")
            letters += nodes.reference(letter, letter, refid=f"letter-{letter.lower()}")
        # Letter navigation is for screens; the PDF has its contents and index instead.
        only = addnodes.only(expr="html")
        only += letters
        result.append(only)

        for letter in sorted(by_letter):
            rubric = nodes.rubric(letter, letter, ids=[f"letter-{letter.lower()}"],
                                  classes=["glossary-letter"])
            items = []
            for entry in by_letter[letter]:
                term = make_glossary_term(self.env, [nodes.Text(entry.term)], letter,
                                          entry.path, entry.line, entry.anchor,
                                          self.state.document)
                for name in entry.names[1:]:
                    std._note_term(name, entry.anchor, location=(self.env.docname, self.lineno))
                self.env.domains["glossary"].note_entry(entry)
                definition = nodes.definition()
                definition += self.parse_myst(entry.definition, entry, "definition")
                definition += self.details(entry, glossary)
                items.append(nodes.definition_list_item("", term, definition,
                                                        ids=[f"entry-{entry.id}"]))
            dlist = nodes.definition_list("", *items, classes=["glossary"])
            gloss = addnodes.glossary("", dlist, sorted=False)
            result += [rubric, gloss]
        return result

    def details(self, entry: Entry, glossary: Glossary) -> list[nodes.Node]:
        """Also-known-as, note, see-also, sources, identifiers, and "Used in"."""
        lines = []
        aka = [*entry.abbreviations, *entry.synonyms]
        if aka:
            lines.append("**Also:** " + ", ".join(aka))
        if entry.see_also:
            lines.append("**See also:** " + ", ".join(
                f"{{term}}`{glossary[other].term if other in glossary else other}`"
                for other in entry.see_also))
        lines.append("**Sources:** {cite:p}`" + ",".join(entry.sources) + "`")
        ids = []
        if "mesh" in entry.identifiers:
            mesh = entry.identifiers["mesh"]
            ids.append(f"MeSH [{mesh}](https://meshb.nlm.nih.gov/record/ui?ui={mesh})")
        if "icd11" in entry.identifiers:
            ids.append(f"ICD-11 {entry.identifiers['icd11']}")
        if ids:
            lines.append("**Identifiers:** " + "; ".join(ids))
        out: list[nodes.Node] = []
        if entry.note:
            out += self.parse_myst(entry.note, entry, "note")
        out += self.parse_myst("\\\n".join(lines), entry, "sources")
        out.append(used_in(entry_id=entry.id))
        return out


class GlossaryCategories(GlossaryDirective):
    """The entries grouped by category, each linking to its A–Z entry."""

    def run(self) -> list[nodes.Node]:
        glossary = self.glossary()
        result: list[nodes.Node] = []
        for slug, heading in CATEGORIES.items():
            entries = glossary.by_category(slug)
            if not entries:
                continue
            result.append(nodes.rubric(heading, heading, ids=[f"category-{slug}"]))
            items = nodes.bullet_list(classes=["glossary-category"])
            for entry in entries:
                xref = addnodes.pending_xref("", refdomain="std", reftype="term",
                                             reftarget=entry.term, refexplicit=False,
                                             refwarn=True)
                xref += nodes.inline(entry.term, entry.term, classes=["xref", "std", "std-term"])
                para = nodes.paragraph("", "", xref, nodes.Text(" — " + entry.short_definition))
                items += nodes.list_item("", para)
            result.append(items)
        return result


#: The glossary's data files that the HTML build publishes beside the pages.
PUBLISHED = ("glossary.json", "glossary.skos.jsonld")


class GlossaryJsonRole(SphinxRole):
    """A link to a published glossary data file (``glossary.json`` by default, or
    ``glossary.skos.jsonld``), relative to the current page."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        text = self.text.strip() or "glossary.json"
        if text not in PUBLISHED:
            logger.warning("glossary data file %r is not published (one of: %s)", text,
                           ", ".join(PUBLISHED), location=self.get_location())
        uri = "../" * self.env.docname.count("/") + text
        return [nodes.reference("", "", nodes.literal(text, text), refuri=uri)], []


# -- events ---------------------------------------------------------------------------

def report_problems(app: Sphinx) -> None:
    """Report the glossary's problems once per build, with their file and line."""
    _glossary, problems = load(app.config.glossary_terms_dir)
    for problem in problems:
        hint = f" (hint: {problem.hint})" if problem.hint else ""
        logger.warning("%s%s", problem.message, hint, location=f"{problem.path}:{problem.line}")


def glossary_docnames(app: Sphinx) -> set[str]:
    return {app.config.glossary_page, *app.config.glossary_extra_pages}


def collect_usage(app: Sphinx, doctree: nodes.document) -> None:
    """Remember which section of which page links which term."""
    env = app.env
    docname = env.current_document.docname
    if docname in glossary_docnames(app):
        return
    usage = env.glossary_usage.setdefault(docname, [])  # type: ignore[attr-defined]
    for xref in doctree.findall(addnodes.pending_xref):
        if xref.get("refdomain") != "std" or xref.get("reftype") != "term":
            continue
        section = xref.parent
        while section is not None and not isinstance(section, nodes.section):
            section = section.parent
        if section is None or not section["ids"]:
            continue
        usage.append((xref["reftarget"], section["ids"][0], section[0].astext()))


def purge_usage(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env.glossary_usage.pop(docname, None)  # type: ignore[attr-defined]


def merge_usage(app: Sphinx, env: BuildEnvironment, docnames: set[str],
                other: BuildEnvironment) -> None:
    for docname in docnames:
        if docname in other.glossary_usage:  # type: ignore[attr-defined]
            env.glossary_usage[docname] = other.glossary_usage[docname]  # type: ignore[attr-defined]


def init_env(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before pages are re-read: remember what they showed in the "Used in" lists."""
    if not hasattr(env, "glossary_usage"):
        env.glossary_usage = {}  # type: ignore[attr-defined]
    app._glossary_before = {docname: used_in_view(env, docname)  # type: ignore[attr-defined]
                            for docname in set(docnames) - glossary_docnames(app)}


def used_in_view(env: BuildEnvironment, docname: str) -> tuple:
    """What the glossary's "Used in" lists show of one page: its term links and its title."""
    title = env.titles[docname].astext() if docname in env.titles else None
    return tuple(env.glossary_usage.get(docname, ())), title  # type: ignore[attr-defined]


def outdated_by_glossary(app: Sphinx, env: BuildEnvironment, added: set[str],
                         changed: set[str], removed: set[str]) -> list[str]:
    """Pages whose term links now resolve differently (a term removed or moved) are
    re-read, so a link to a removed term fails loudly instead of staying stale."""
    usage = getattr(env, "glossary_usage", {})
    app._glossary_removed_users = any(usage.get(doc) for doc in removed)  # type: ignore[attr-defined]
    glossary, _ = load(app.config.glossary_terms_dir)
    now = fingerprint(glossary)
    before = getattr(env, "glossary_fingerprint", None)
    env.glossary_fingerprint = now  # type: ignore[attr-defined]
    if before is None or before == now:
        return []
    moved = {name for name in before.keys() | now.keys() if before.get(name) != now.get(name)}
    linking = {docname for docname, uses in usage.items()
               if any(target.casefold() in moved for target, _, _ in uses)}
    return sorted(linking | (glossary_docnames(app) & env.found_docs))


def glossary_needs_writing(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Rewrite the glossary when a re-read or removed page changed what "Used in" shows."""
    before = getattr(app, "_glossary_before", {})
    changed = any(used_in_view(env, docname) != view for docname, view in before.items())
    removed = getattr(app, "_glossary_removed_users", False)
    page = app.config.glossary_page
    return [page] if (changed or removed) and page in env.found_docs else []


def fill_used_in(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Replace each "Used in" placeholder with links to the sections that use the term."""
    placeholders = list(doctree.findall(used_in))
    if not placeholders:
        return
    glossary, _ = load(app.config.glossary_terms_dir)
    uses: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for docname in sorted(app.env.glossary_usage):  # type: ignore[attr-defined]
        if docname == app.config.root_doc and app.builder.format != "html":
            continue  # the book drops the front page's title section, so there is no target
        for target, section_id, section_title in app.env.glossary_usage[docname]:
            entry = glossary.lookup(target)
            if entry is not None and (docname, section_id, section_title) not in uses[entry.id]:
                uses[entry.id].append((docname, section_id, section_title))
    for node in placeholders:
        found = uses.get(node["entry_id"], [])
        if not found:
            node.replace_self([])
            continue
        para = nodes.paragraph(classes=["glossary-used-in"])
        para += nodes.strong("Used in: ", "Used in: ")
        for i, (docname, section_id, section_title) in enumerate(found):
            if i:
                para += nodes.Text("; ")
            doc_title = app.env.titles[docname].astext() if docname in app.env.titles else docname
            label = doc_title if section_title == doc_title else f"{doc_title} › {section_title}"
            para += make_refnode(app.builder, fromdocname, docname, section_id,
                                 nodes.inline(label, label))
        node.replace_self(para)


def write_outputs(app: Sphinx, exception: Exception | None) -> None:
    """Write ``glossary.json`` and the hover data after an HTML build."""
    if exception is not None or not is_web(app):
        return
    glossary, _ = load(app.config.glossary_terms_dir)
    page = app.builder.get_target_uri(app.config.glossary_page)
    entries = []
    for entry in glossary:
        data = entry.as_dict()
        data["url"] = f"{page}#{entry.anchor}"
        entries.append(data)
    outdir = Path(app.outdir)
    text = script_safe(json.dumps({"title": app.config.project, "entries": entries},
                                  ensure_ascii=False, indent=1))
    _write_if_changed(outdir / "glossary.json", text + "\n")
    skos = to_skos(glossary, page, app.config.project, app.config.html_baseurl,
                   source_records(app))
    _write_if_changed(outdir / "glossary.skos.jsonld",
                      script_safe(json.dumps(skos, ensure_ascii=False, indent=1)) + "\n")
    hover = {entry.anchor: {"term": entry.term, "definition": entry.short_definition}
             for entry in glossary}
    _write_if_changed(outdir / "_static" / "glossary-data.js",
                      "window.HANDBOOK_GLOSSARY = "
                      + script_safe(json.dumps(hover, ensure_ascii=False, sort_keys=True)) + ";\n")
    for asset in STATIC.iterdir():  # the hover script and its styles
        _write_if_changed(outdir / "_static" / asset.name, asset.read_text(encoding="utf-8"))


def source_records(app: Sphinx) -> dict[str, str]:
    """BibTeX key -> the address of its record (``docs/sources``), for the SKOS sources.

    Kept beside the doctrees with the folder's stamp, so a build in which no record changed
    (a no-op rebuild) does not parse the records again.
    """
    folder = Path(app.srcdir) / "sources"
    if not folder.is_dir():
        return {}
    stamp = [list(item) for item in folder_stamp(folder)]
    kept = Path(app.doctreedir) / "source-records.json"
    try:
        saved = json.loads(kept.read_text(encoding="utf-8"))
        if saved["stamp"] == stamp:
            return saved["records"]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no usable copy: read the records
    records, _ = read_sources(folder)
    addresses = {key: record.record for key, record in records.items()}
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_text(json.dumps({"stamp": stamp, "records": addresses}), encoding="utf-8")
    return addresses


class NoTermRole(SphinxRole):
    """``{no-term}`word```: a deliberate plain mention of a glossary word (no link)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return [nodes.Text(self.text)], []


def script_safe(text: str) -> str:
    """JSON with ``<``, ``>`` and ``&`` escaped, so no definition can close a script or open a
    tag wherever the data are embedded (the values are unchanged once parsed)."""
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def is_web(app: Sphinx) -> bool:
    """HTML builders that make a website (EPUB books get neither scripts nor glossary.json)."""
    return app.builder.format == "html" and not app.builder.name.startswith("epub")


def add_assets(app: Sphinx) -> None:
    if is_web(app):
        app.add_js_file("glossary-data.js", defer="defer")
        app.add_js_file("glossary-hover.js", defer="defer")
        app.add_css_file("glossary-hover.css")


def skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """Writers never see a placeholder that was not filled (non-HTML builders)."""
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict:
    app.add_config_value("glossary_terms_dir", "", "env", types=frozenset({str}))
    app.add_config_value("glossary_page", "glossary/index", "env", types=frozenset({str}))
    app.add_config_value("glossary_extra_pages", ["glossary/categories"], "env")
    app.add_domain(GlossaryDomain)
    app.add_node(used_in, **{fmt: (skip, None) for fmt in
                             ('html', 'latex', 'text', 'man', 'texinfo', 'epub')})
    app.add_directive("glossary-entries", GlossaryEntries)
    app.add_directive("glossary-categories", GlossaryCategories)
    app.add_role("no-term", NoTermRole())
    app.add_role("glossary-json", GlossaryJsonRole())
    app.connect("builder-inited", add_assets)
    app.connect("builder-inited", report_problems)
    app.connect("env-before-read-docs", init_env)
    app.connect("env-get-outdated", outdated_by_glossary)
    app.connect("env-get-updated", glossary_needs_writing)
    app.connect("env-purge-doc", purge_usage)
    app.connect("env-merge-info", merge_usage)
    app.connect("doctree-read", collect_usage)
    app.connect("doctree-resolved", fill_used_in)
    app.connect("build-finished", write_outputs)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 2}
