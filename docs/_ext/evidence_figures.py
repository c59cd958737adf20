"""The evidence figures, drawn at build time from data files in ``docs/data/``.

* ``{autoreactivity-figure} /data/autoreactivity.csv``: the share of people with
  autoantibodies or autoreactive cells in AD and in each control group, study by study.
* ``{absolute-risk-figure} /data/absolute-risk.csv``: each hazard ratio beside the extra cases
  per 1,000 person-years it amounts to.
* ``{treatment-steps-figure} /data/treatment-steps.yaml``: stepped care, with what each
  guideline recommends at each step.
* ``{age-figure} /data/age-patterns.yaml``: where eczema appears at each age, and how much
  childhood eczema persists.
* ``{skin-barrier-figure} /data/skin-barrier.yaml``: a labelled schematic of the outer skin;
  the labels are listed below it as links to their glossary entries.

Like the forest plot (``figures``), each is vector (SVG in HTML, PDF in the book), drawn
once per change of its data, and followed by a table of the same data with citations, which is
also its text alternative. The data are read by :mod:`handbook.figure_data`, which ``make
check`` uses too.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from sphinx.application import Sphinx

import figures
from glossary.loader import read_terms
from glossary.model import Glossary
from handbook.figure_data import read_absolute_risk, read_autoreactivity, read_yaml_data

BLUE, ORANGE, GREY, GREEN = "#1f5f8b", "#b35c00", "#6b6b6b", "#2e7d32"
GROUP_COLOURS = {"AD": BLUE, "control": ORANGE, "healthy": GREEN}


def _finish(plt, fig, target: Path) -> None:
    """Lay out, write (without a date, so drawings are reproducible) and close a figure."""
    fig.tight_layout()
    fig.savefig(target, metadata={"Date": None} if target.suffix == ".svg" else
                {"CreationDate": None})
    plt.close(fig)


def _problems_as_text(problems) -> list[str]:
    return [f"{p.line}: {p.message}" for p in problems]


def _group_kind(group: str) -> str:
    if group.startswith("AD"):
        return "AD"
    return "healthy" if "healthy" in group.lower() else "control"


# -- autoreactivity ------------------------------------------------------------------------

def draw_autoreactivity(rows: list[dict], target: Path) -> None:
    plt = figures._figure_setup()
    fig, ax = plt.subplots(figsize=(7.5, 0.34 * len(rows) + 1.3))
    for i, row in enumerate(reversed(rows)):
        colour = GROUP_COLOURS[_group_kind(row["group"])]
        if row["percent"] is None:
            ax.text(1, i, row["note"] or "not found", va="center", fontsize=8, color=colour,
                    style="italic")
        elif row["percent_high"] is not None:
            ax.plot([row["percent"], row["percent_high"]], [i, i], color=colour, linewidth=4,
                    solid_capstyle="butt")
        else:
            ax.plot([row["percent"]], [i], marker="o", color=colour, markersize=6)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([f"{r['study']} {r['year']}: {r['group']}" + (f" (n={r['n']:,})" if r["n"]
                        else "") for r in reversed(rows)], fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("People with autoantibodies or autoreactivity (%)")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=c, label=label)
               for label, c in (("people with AD", BLUE), ("allergic or other controls", ORANGE),
                                ("healthy controls", GREEN))]
    ax.legend(handles=handles, loc="lower right", fontsize=8, frameon=False)
    _finish(plt, fig, target)


class CsvDataFigure(figures.DataFigure):
    """A figure drawn from one CSV data file, read by :mod:`handbook.figure_data`."""

    reader = staticmethod(read_autoreactivity)

    def read(self, path: Path):
        rows, problems = self.reader(path)
        return rows, _problems_as_text(problems)


class AutoreactivityFigure(CsvDataFigure):
    kind = "autoreactivity"

    def table(self, rows: list[dict]):
        lines = ["| Study | Method | Group | People | With autoreactivity | Source |",
                 "|---|---|---|---|---|---|"]
        for r in rows:
            share = (r["note"] if r["percent"] is None else
                     f"{r['percent']:g}%" + (f" to {r['percent_high']:g}%"
                                             if r["percent_high"] is not None else ""))
            people = f"{r['n']:,}" if r["n"] else "not stated"
            lines.append(f"| {r['study']} ({r['year']}), {r['design']} | {r['method']} | "
                         f"{r['group']} | {people} | {share} | {{cite:p}}`{r['source']}` |")
        return self.parse_text_to_nodes("\n".join(lines))


# -- absolute risk -------------------------------------------------------------------------

def draw_absolute_risk(rows: list[dict], target: Path) -> None:
    plt = figures._figure_setup()
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.5, 0.5 * len(rows) + 1.4), sharey=True,
                                      gridspec_kw={"width_ratios": [1.2, 1]})
    ys = range(len(rows))
    for i, row in enumerate(reversed(rows)):
        left.plot([row["ci_low"], row["ci_high"]], [i, i], color=BLUE, linewidth=1.6)
        left.plot([row["hazard_ratio"]], [i], marker="s", color=BLUE, markersize=6)
        right.barh(i, row["extra"], color=ORANGE, height=0.5)
        right.annotate(f"{row['extra']:g}", (row["extra"], i), xytext=(3, 0),
                       textcoords="offset points", va="center", fontsize=8)
    left.axvline(1.0, color=GREY, linestyle="--", linewidth=1)
    left.set_yticks(list(ys))
    left.set_yticklabels([r["condition"] for r in reversed(rows)])
    left.set_xlabel("Hazard ratio (times as often)")
    right.set_xlabel("Extra cases per 1,000 people a year")
    right.set_xlim(0, max(r["extra"] for r in rows) * 1.4 or 1)
    for ax in (left, right):
        ax.spines[["top", "right"]].set_visible(False)
    _finish(plt, fig, target)


class AbsoluteRiskFigure(CsvDataFigure):
    kind = "absoluterisk"
    reader = staticmethod(read_absolute_risk)

    def table(self, rows: list[dict]):
        lines = ["| Condition | Hazard ratio (confidence interval) | Extra cases per 1,000 "
                 "person-years | Population | Source |", "|---|---|---|---|---|"]
        for r in rows:
            lines.append(f"| {r['condition']} | {r['hazard_ratio']:g} ({r['ci_low']:g}–"
                         f"{r['ci_high']:g}, {r['ci_level']}% interval) | {r['extra']:g} | "
                         f"{r['population']} | {{cite:p}}`{r['source']}` |")
        return self.parse_text_to_nodes("\n".join(lines))


# -- treatment steps -----------------------------------------------------------------------

STRENGTH_COLOURS = {"for": GREEN, "against": "#b3261e", "other": GREY}


def _strength(value: str) -> str:
    value = value.lower()
    if "against" in value or value.startswith("do not"):
        return "against"
    if "for" in value or value in ("offer", "consider", "recommended", "suggested"):
        return "for"
    return "other"


def draw_treatment_steps(rows: list[dict], target: Path) -> None:
    data = rows[0]
    guides = data["guidelines"]
    options = [(step["step"], option) for step in data["steps"] for option in step["options"]]
    plt = figures._figure_setup()
    fig, ax = plt.subplots(figsize=(7.5, 0.42 * len(options) + 1.6))
    ax.set_xlim(0, 4 + 1.6 * len(guides))
    ax.set_ylim(-0.8, len(options) + 0.3)
    ax.axis("off")
    for j, guide in enumerate(guides):
        ax.text(4.8 + 1.6 * j, len(options) - 0.2, "\n".join(textwrap.wrap(guide["name"], 16)),
                ha="center", va="bottom", fontsize=7, fontweight="bold")
    previous = None
    for i, (step, option) in enumerate(options):
        y = len(options) - 1 - i
        if step != previous:
            ax.text(0, y, "\n".join(textwrap.wrap(step, 11)), fontweight="bold", fontsize=7.5,
                    va="center")
            ax.axhline(y + 0.5, color="#cccccc", linewidth=0.6)
            previous = step
        ax.text(1.05, y, "\n".join(textwrap.wrap(option["treatment"], 32)), fontsize=7,
                va="center")
        for j, guide in enumerate(guides):
            said = option.get("recommendations", {}).get(guide["id"])
            if said:
                colour = STRENGTH_COLOURS[_strength(said)]
                ax.text(4.8 + 1.6 * j, y, "\n".join(textwrap.wrap(said, 14)), ha="center",
                        va="center", fontsize=6.5, color="white",
                        bbox={"boxstyle": "round,pad=0.25", "facecolor": colour,
                              "edgecolor": colour})
            else:
                ax.text(4.8 + 1.6 * j, y, "–", ha="center", va="center", color=GREY)
    _finish(plt, fig, target)


class YamlDataFigure(figures.DataFigure):
    """A figure drawn from one YAML data file (checked against its schema)."""

    def read(self, path: Path):
        data, problems = read_yaml_data(path)
        return ([_plain(data)] if data else []), _problems_as_text(problems)


class TreatmentStepsFigure(YamlDataFigure):
    kind = "treatmentsteps"

    def table(self, rows: list[dict]):
        data = rows[0]
        guides = data["guidelines"]
        lines = ["| Step | Treatment | " + " | ".join(g["name"] for g in guides) + " | Sources |",
                 "|---|---|" + "---|" * len(guides) + "---|"]
        for step in data["steps"]:
            for option in step["options"]:
                said = [option.get("recommendations", {}).get(g["id"], "not rated")
                        for g in guides]
                lines.append(f"| {step['step']} | {option['treatment']} | " + " | ".join(said)
                             + f" | {{cite:p}}`{','.join(option['sources'])}` |")
        return self.parse_text_to_nodes("\n".join(lines))


# -- age patterns --------------------------------------------------------------------------

def draw_age_patterns(rows: list[dict], target: Path) -> None:
    data = rows[0]
    ages, sites, points = data["ages"], data["sites"], data.get("persistence", [])
    plt = figures._figure_setup()
    fig, (grid, curve) = plt.subplots(1, 2, figsize=(7.5, 0.6 * len(sites) + 2.0),
                                      gridspec_kw={"width_ratios": [1.25, 1]})
    for i, site in enumerate(reversed(sites)):
        for j, age in enumerate(ages):
            on = age in site["ages"]
            grid.scatter(j, i, s=160 if on else 25, color=BLUE if on else "#dddddd",
                         edgecolors=BLUE if on else "#bbbbbb")
    grid.set_xticks(range(len(ages)))
    grid.set_xticklabels(["\n".join(textwrap.wrap(a, 10)) for a in ages], fontsize=7.5)
    grid.set_yticks(range(len(sites)))
    grid.set_yticklabels(["\n".join(textwrap.wrap(s["site"], 26)) for s in reversed(sites)],
                         fontsize=7.5)
    grid.set_xlim(-0.6, len(ages) - 0.4)
    grid.set_ylim(-0.6, len(sites) - 0.4)
    grid.set_title("Where it usually appears", fontsize=8.5)
    grid.spines[["top", "right", "left", "bottom"]].set_visible(False)
    grid.tick_params(length=0)
    xs, ys, labels = [0], [100.0], []
    for point in points:
        xs.append(point["years_after_diagnosis"])
        if "remitted_percent" in point:
            ys.append(100 - point["remitted_percent"])
            labels.append(f"{ys[-1]:g}%")
        else:  # an upper limit
            ys.append(point["persisted_percent_below"])
            labels.append(f"under {ys[-1]:g}%")
    curve.plot(xs, ys, color=BLUE, marker="o")
    for x, y, label in zip(xs[1:], ys[1:], labels, strict=True):
        curve.annotate(label, (x, y), xytext=(4, 4), textcoords="offset points", fontsize=8,
                       ha="right" if x == max(xs) else "left")
    curve.set_ylim(0, 105)
    curve.set_xlabel("Years after diagnosis in childhood", fontsize=8)
    curve.set_ylabel("Still has eczema (%)", fontsize=8)
    curve.set_title("How long childhood eczema lasts", fontsize=8.5)
    curve.spines[["top", "right"]].set_visible(False)
    _finish(plt, fig, target)


class AgeFigure(YamlDataFigure):
    kind = "agepatterns"

    def table(self, rows: list[dict]):
        data = rows[0]
        lines = ["| Body area | " + " | ".join(data["ages"]) + " | Sources |",
                 "|---|" + "---|" * len(data["ages"]) + "---|"]
        for site in data["sites"]:
            marks = ["usual" if a in site["ages"] else "" for a in data["ages"]]
            lines.append(f"| {site['site']} | " + " | ".join(marks)
                         + f" | {{cite:p}}`{','.join(site['sources'])}` |")
        lines += ["", "| Years after childhood diagnosis | Still has eczema | Source |",
                  "|---|---|---|"]
        for p in data.get("persistence", []):
            share = (f"{100 - p['remitted_percent']:g}% ({p['remitted_percent']:g}% remitted)"
                     if "remitted_percent" in p else f"under {p['persisted_percent_below']:g}%")
            lines.append(f"| {p['years_after_diagnosis']} | {share} | "
                         f"{{cite:p}}`{','.join(p['sources'])}` |")
        return self.parse_text_to_nodes("\n".join(lines))


# -- skin barrier --------------------------------------------------------------------------

def draw_skin_barrier(rows: list[dict], target: Path) -> None:
    plt = figures._figure_setup()
    from matplotlib.patches import FancyArrowPatch, Rectangle

    number = {row["part"]: i + 1 for i, row in enumerate(rows)}
    fig, ax = plt.subplots(figsize=(7.5, 3.2))
    ax.set_xlim(0, 10)
    ax.set_ylim(0.9, 5.9)
    ax.axis("off")
    for layer in range(3):  # bricks and mortar, offset like a wall
        y = 3.0 + layer * 0.55
        shift = 0.35 if layer % 2 else 0
        for k in range(8):
            x = 0.6 + shift + k * 1.1
            ax.add_patch(Rectangle((x, y), 0.95, 0.42, facecolor="#f3d9b1", edgecolor="#b58a4c"))
            if (k + layer) % 3 == 0:  # filaggrin inside some bricks
                ax.plot([x + 0.3, x + 0.65], [y + 0.21, y + 0.21], color=BLUE, linewidth=2)
    ax.add_patch(Rectangle((0.55, 2.95), 9.1, 1.62, facecolor="none", edgecolor="#e0c07a",
                           linewidth=2.5, linestyle=":"))
    for k in range(7):  # living cells below
        ax.add_patch(plt.Circle((1.2 + k * 1.25, 2.1), 0.42, facecolor="#fbe3e3",
                                edgecolor="#c77"))
    ax.add_patch(FancyArrowPatch((8.6, 3.6), (8.6, 5.6), arrowstyle="-|>", mutation_scale=14,
                                 color=BLUE))
    ax.add_patch(FancyArrowPatch((1.6, 5.6), (1.6, 3.7), arrowstyle="-|>", mutation_scale=14,
                                 color="#b3261e"))
    ax.text(1.75, 5.55, "irritants, allergens, bacteria", fontsize=7.5, color="#b3261e")
    ax.text(8.45, 5.55, "water", fontsize=7.5, color=BLUE, ha="right")
    # label position -> the point it names (a brick, the mortar between two bricks, a
    # filaggrin mark, a living cell); water and entry are labelled at their arrows
    spots = {"bricks": ((6.58, 5.05), (6.58, 4.31)), "mortar": ((3.82, 5.05), (3.82, 4.31)),
             "filaggrin": ((2.6, 5.05), (2.2, 4.31)), "living": ((5.0, 1.25), (5.0, 1.8)),
             "water": ((9.1, 5.0), None), "entry": ((1.15, 5.0), None)}
    for part, ((x, y), point) in spots.items():
        if part not in number:
            continue
        if point:
            ax.plot([x, point[0]], [y, point[1]], color="#333333", linewidth=0.8)
        ax.text(x, y, str(number[part]), ha="center", va="center", fontsize=8,
                fontweight="bold", bbox={"boxstyle": "circle,pad=0.2", "facecolor": "white",
                                         "edgecolor": "#333333"})
    ax.text(0.1, 3.75, "outer\nlayer", fontsize=7.5, ha="left", va="center")
    ax.text(0.1, 2.1, "living\nlayer", fontsize=7.5, ha="left", va="center")
    _finish(plt, fig, target)


class SkinBarrierFigure(YamlDataFigure):
    kind = "skinbarrier"

    def read(self, path: Path):  # a list of labels: the rows themselves
        rows, problems = super().read(path)
        return (rows[0] if rows else []), problems

    def table(self, rows: list[dict]):
        entries, _ = read_terms(Path(self.config.glossary_terms_dir))
        glossary = Glossary(entries)
        items = []
        for i, row in enumerate(rows, 1):
            entry = glossary.lookup(row["term"])
            label = f"{{term}}`{row['label']} <{entry.term}>`" if entry else row["label"]
            items.append(f"{i}. {label} {{cite:p}}`{','.join(row['sources'])}`")
        return self.parse_text_to_nodes("\n".join(items))


def _plain(data):
    """Loaded YAML as plain lists and dicts (the figure node keeps them)."""
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def setup(app: Sphinx) -> dict:
    app.setup_extension("figures")
    figures.DRAW.update(autoreactivity=draw_autoreactivity, absoluterisk=draw_absolute_risk,
                        treatmentsteps=draw_treatment_steps, agepatterns=draw_age_patterns,
                        skinbarrier=draw_skin_barrier)
    app.add_directive("autoreactivity-figure", AutoreactivityFigure)
    app.add_directive("absolute-risk-figure", AbsoluteRiskFigure)
    app.add_directive("treatment-steps-figure", TreatmentStepsFigure)
    app.add_directive("age-figure", AgeFigure)
    app.add_directive("skin-barrier-figure", SkinBarrierFigure)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
