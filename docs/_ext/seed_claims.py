"""Claims from the seed articles: ``{seed-claim}`` boxes in chapters and ``{claims-table}``.

The claims live in ``docs/data/claims.yaml`` (read with :mod:`handbook.claims`, the same
loader the validators use).  A chapter discusses a claim in a box::

    :::{seed-claim} gut-immune-fraction
    Our discussion, with citations.
    :::

The claims page lists every claim with its verdict badge and links to the box.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from handbook.claims import SEEDS, VERDICTS, Claim, load_claims

logger = logging.getLogger(__name__)


@cache
def _load(path: str, mtime: float) -> tuple[dict[str, Claim], tuple]:
    claims, problems = load_claims(Path(path))
    return {claim.id: claim for claim in claims}, tuple(problems)


def claims_data(app_config) -> tuple[dict[str, Claim], tuple]:
    path = Path(app_config.seed_claims_file)
    return _load(str(path), path.stat().st_mtime if path.exists() else 0.0)


def verdict_badge(verdict: str) -> nodes.inline:
    label = VERDICTS.get(verdict, verdict)
    return nodes.inline(label, label, classes=["verdict-badge", f"verdict-{verdict}"])


class VerdictRole(SphinxRole):
    """``{verdict}`partly-supported``` -> the verdict badge used in boxes and the table."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        verdict = self.text.strip()
        if verdict not in VERDICTS:
            logger.warning('verdict "%s" is not one of: %s', verdict, ", ".join(VERDICTS),
                           location=self.get_location())
        return [verdict_badge(verdict)], []


class SeedClaim(SphinxDirective):
    """A box that states a seed article's claim, our verdict, and the discussion."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(self.config.seed_claims_file)
        claims, _ = claims_data(self.config)
        claim_id = self.arguments[0]
        claim = claims.get(claim_id)
        if claim is None:
            logger.warning('seed-claim "%s" is not in %s', claim_id,
                           Path(self.config.seed_claims_file).name, location=self.get_location())
            return []
        node_id = f"seed-claim-{claim_id}"
        target = nodes.target("", "", ids=[node_id], names=[node_id])
        self.state.document.note_explicit_target(target)
        box = nodes.admonition(classes=["seed-claim", f"seed-claim-{claim.verdict}"])
        title = nodes.title("", f"Claim from the {SEEDS[claim.seed].lower()}: ")
        title += verdict_badge(claim.verdict)
        box += title
        box += nodes.paragraph("", "", nodes.emphasis(claim.claim, claim.claim))
        box += self.parse_content_to_nodes()
        verdict = nodes.paragraph(classes=["seed-claim-verdict"])
        verdict += nodes.strong("Verdict: ", "Verdict: ")
        verdict += nodes.Text(f"{VERDICTS[claim.verdict]}. {claim.reason} ")
        xref = addnodes.pending_xref("", refdomain="std", reftype="ref",
                                     reftarget="claims-table", refexplicit=True, refwarn=True)
        xref += nodes.inline("All claims", "All claims")
        verdict += xref
        box += verdict
        self.set_source_info(box)
        return [target, box]


class ClaimsTable(SphinxDirective):
    """Every claim of both seed articles with its verdict, reason, sources and discussion."""

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(self.config.seed_claims_file)
        claims, _ = claims_data(self.config)
        result: list[nodes.Node] = []
        for seed, seed_label in SEEDS.items():
            rows = [claim for claim in claims.values() if claim.seed == seed]
            if not rows:
                continue
            result.append(nodes.rubric(seed_label, seed_label))
            table = nodes.table(classes=["claims-table"])
            group = nodes.tgroup(cols=4)
            table += group
            for width in (35, 15, 35, 15):
                group += nodes.colspec(colwidth=width)
            head = nodes.thead()
            head += self.row(["Claim (paraphrased)", "Verdict", "Why", "Discussion"])
            group += head
            body = nodes.tbody()
            for claim in rows:
                reason = self.parse_text_to_nodes(
                    claim.reason + " {cite:p}`" + ",".join(claim.sources) + "`")
                link = addnodes.pending_xref("", refdomain="std", reftype="ref",
                                             reftarget=f"seed-claim-{claim.id}",
                                             refexplicit=True, refwarn=True)
                link += nodes.inline("Read the discussion", "Read the discussion")
                row = self.row([claim.claim, verdict_badge(claim.verdict), reason,
                                nodes.paragraph("", "", link)])
                row["ids"].append(f"claim-{claim.id}")
                body += row
            group += body
            result.append(table)
        return result

    @staticmethod
    def row(cells: list) -> nodes.row:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            if isinstance(cell, str):
                entry += nodes.paragraph(cell, cell)
            elif isinstance(cell, list):
                entry += cell
            elif isinstance(cell, nodes.inline):
                entry += nodes.paragraph("", "", cell)
            else:
                entry += cell
            row += entry
        return row


def report_problems(app: Sphinx) -> None:
    """Report problems in the claims file once per build, at their file and line."""
    for problem in claims_data(app.config)[1]:
        logger.warning("%s (hint: %s)", problem.message, problem.hint,
                       location=f"{problem.path}:{problem.line}")


def setup(app: Sphinx) -> dict:
    app.add_config_value("seed_claims_file", "", "env", types=frozenset({str}))
    app.add_directive("seed-claim", SeedClaim)
    app.add_directive("claims-table", ClaimsTable)
    app.add_role("verdict", VerdictRole())
    app.connect("builder-inited", report_problems)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
