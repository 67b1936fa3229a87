"""The report's charts, each rendered to PNG bytes.

Charts return bytes rather than writing files so the report decides where
and when they land (temporary names, then a rename) and can embed the very
same bytes in the HTML page. The Agg backend is selected before pyplot is
imported: the report runs on clusters and in CI with no display.

Every chart takes `scenarios`, a list of (label, Results) pairs, and draws
one panel per scenario where the data are per year, so runs with different
horizons still plot side by side.
"""
import io
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (must follow the backend choice)
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402
import numpy as np  # noqa: E402

from .statistics import (ALL_AREAS, mean_with_ci95, metric_summary, return_summary,  # noqa: E402
                         yearly_summary)

_DPI = 100
_PANEL_WIDTH_INCHES = 5.0
_PANEL_HEIGHT_INCHES = 3.8


def _compact_number(value, _position=None):
    """Axis labels like 12.5M or 2.8k: full digits would crowd the axis."""
    for threshold, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= threshold:
            return f"{value / threshold:g}{suffix}"
    return f"{value:g}"


def _to_png(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def _error_bar_lengths(mean, low, high):
    """Asymmetric error-bar lengths; a missing CI (one replication) draws no bar."""
    mean, low, high = (np.asarray(x, dtype=float) for x in (mean, low, high))
    below = np.where(np.isnan(low), 0.0, mean - low)
    above = np.where(np.isnan(high), 0.0, high - mean)
    return np.vstack([below, above])


def _panels(count, share_y=True):
    figure, axes = plt.subplots(1, count, figsize=(_PANEL_WIDTH_INCHES * count, _PANEL_HEIGHT_INCHES),
                                sharey=share_y, squeeze=False)
    return figure, list(axes[0])


def _style_axis(axis, ylabel=None):
    axis.yaxis.set_major_formatter(FuncFormatter(_compact_number))
    axis.grid(axis="y", alpha=0.3)
    axis.spines[["top", "right"]].set_visible(False)
    if ylabel:
        axis.set_ylabel(ylabel)


# Above this many areas (England's 42 footprints) a line and legend entry each would fill
# the chart and push the legend off the page: the areas are drawn as thin grey lines without
# intervals, under one legend entry, and the bold total keeps its intervals.
MAX_AREAS_NAMED = 12


def yearly_metric_chart(scenarios, metric, title):
    """Mean per year with 95% CI bars, one line per area and a bold line for all areas."""
    figure, axes = _panels(len(scenarios))
    for axis, (label, results) in zip(axes, scenarios):
        table = yearly_summary(results, metric)
        areas = [area for area in table["area"].unique() if area != ALL_AREAS]
        many = len(areas) > MAX_AREAS_NAMED
        for area, rows in table.groupby("area", sort=False):
            is_total = area == ALL_AREAS
            if many and not is_total:
                axis.plot(rows["year"], rows["mean"], color="0.7", linewidth=0.8,
                          label=f"each of the {len(areas)} areas" if area == areas[0] else None)
                continue
            axis.errorbar(rows["year"], rows["mean"],
                          yerr=_error_bar_lengths(rows["mean"], rows["ci95_low"], rows["ci95_high"]),
                          marker="o", capsize=4, label=area,
                          color="black" if is_total else None,
                          linewidth=2.2 if is_total else 1.2)
        axis.set_title(label)
        axis.set_xlabel("year after warm-up")
        axis.xaxis.set_major_locator(MaxNLocator(integer=True))
        _style_axis(axis, results.units.get(metric, ""))
        # Counts start at zero unless a CI reaches below it (few replications).
        axis.set_ylim(bottom=min(0.0, axis.get_ylim()[0]))
    axes[-1].legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False)
    figure.suptitle(title)
    figure.tight_layout()
    return _to_png(figure)


# The cost of each service, which together make up cost_total in every area and year
# (docs/results-format.md). The other cost_* metrics split the same money another way and
# must not be stacked on these: cost_nhs, cost_local_authority, cost_pooled_fund, cost_dwp,
# cost_self_funders, cost_unpaid_care_value and cost_third_sector divide it by payer (they
# too add up to cost_total), and cost_shunted_to_nhs is a part of cost_nhs. Stacking every
# cost_* metric would draw about twice the total.
COST_BY_SERVICE = ("cost_hospital", "cost_care_home", "cost_reablement", "cost_rehabilitation",
                   "cost_home_care", "cost_attendance_allowance", "cost_unpaid_care",
                   "cost_interventions", "cost_gp", "cost_assessment")


def cost_components(results):
    """The service costs the file has, in file order: the parts cost_total is made of (a file
    from before a service was modelled lacks its line, and its total lacked it too)."""
    return [m for m in results.metrics if m in COST_BY_SERVICE]


def stacked_costs(results):
    """Each component's cost per replication and year, summed over areas: {metric: array
    [replication, year]}, in stacking order."""
    return {component: results.values(component).sum(axis=1)
            for component in cost_components(results)}


def cost_by_component_chart(scenarios):
    """Stacked mean cost per year by service, with the 95% CI of their sum (cost_total) on top."""
    figure, axes = _panels(len(scenarios))
    for axis, (label, results) in zip(axes, scenarios):
        components = stacked_costs(results)
        years = np.asarray(results.years)
        bottom = np.zeros(len(years))
        sum_per_replication_year = np.zeros((len(results.replications), len(years)))
        for component, per_replication_year in components.items():
            sum_per_replication_year += per_replication_year
            means = per_replication_year.mean(axis=0)
            axis.bar(years, means, bottom=bottom, width=0.6, label=component)
            bottom += means
        intervals = [mean_with_ci95(sum_per_replication_year[:, y]) for y in range(len(years))]
        if components:
            axis.errorbar(years, [i.mean for i in intervals],
                          yerr=_error_bar_lengths([i.mean for i in intervals],
                                                  [i.ci95_low for i in intervals],
                                                  [i.ci95_high for i in intervals]),
                          fmt="none", ecolor="black", capsize=5, label="95% CI of the total")
        axis.set_title(label)
        axis.set_xlabel("year after warm-up")
        axis.set_xticks(years)
        unit = results.units.get(next(iter(components)), "") if components else ""
        _style_axis(axis, unit)
    axes[-1].legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False)
    figure.suptitle("Cost by service per year (mean over replications)")
    figure.tight_layout()
    return _to_png(figure)


def _grouped_metric_chart(scenarios, metrics, title, horizontal=False, summaries=None):
    """One panel per metric (units differ), one bar per scenario with its 95% CI.
    summaries: per scenario, a table indexed by metric with mean, ci95_low, ci95_high and
    units; metric_summary of each when not given."""
    if summaries is None:
        summaries = [metric_summary(results).set_index("metric") for _, results in scenarios]
    columns = min(3, len(metrics))
    rows = math.ceil(len(metrics) / columns)
    if horizontal:
        # Scenario labels run along the shared y axis, left of the first column only; a
        # sweep point's label is long, so the figure widens for it rather than squeezing
        # the bars.
        longest = max(len(label) for label, _ in scenarios)
        figure, axes = plt.subplots(rows, columns, squeeze=False, sharey=True,
                                    figsize=(4.2 * columns + 0.075 * longest,
                                             1.2 + (0.5 + 0.4 * len(scenarios)) * rows))
    else:
        figure, axes = plt.subplots(rows, columns, squeeze=False,
                                    figsize=(4.2 * columns, 3.4 * rows))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    positions = np.arange(len(scenarios))
    for axis, metric in zip(axes.ravel(), metrics):
        means, lows, highs, units = [], [], [], ""
        for summary in summaries:
            row = summary.loc[metric] if metric in summary.index else None
            means.append(math.nan if row is None else row["mean"])
            lows.append(math.nan if row is None else row["ci95_low"])
            highs.append(math.nan if row is None else row["ci95_high"])
            units = units or ("" if row is None else row["units"])
        errors = _error_bar_lengths(means, lows, highs)
        bar_colours = [colours[i % len(colours)] for i in range(len(scenarios))]
        if horizontal:
            axis.barh(positions, means, xerr=errors, capsize=4, color=bar_colours)
            axis.set_yticks(positions, [label for label, _ in scenarios])
            axis.xaxis.set_major_formatter(FuncFormatter(_compact_number))
            axis.set_xlabel(units)
            axis.axvline(0, color="grey", linewidth=0.8)
        else:
            axis.bar(positions, means, yerr=errors, capsize=4, color=bar_colours)
            axis.set_xticks(positions, [label for label, _ in scenarios], rotation=20, ha="right")
            _style_axis(axis, units)
        axis.set_title(metric, fontsize=10)
    if horizontal:
        axes[0][0].invert_yaxis()  # the baseline on top, in table order (the axis is shared)
    for axis in axes.ravel()[len(metrics):]:
        axis.set_visible(False)
    figure.suptitle(title)
    figure.tight_layout()
    return _to_png(figure)


def scenario_comparison_chart(scenarios, metrics):
    return _grouped_metric_chart(
        scenarios, metrics, "Scenario comparison: totals over areas and years, mean with 95% CI")


def intervention_return_chart(scenarios):
    """Return on investment per intervention, or None when no run has a return to show.

    Each replication's roi is the intervention against its own counterfactual run, over the
    covered areas and every measured year (results.returns), so the chart shows its mean
    and 95% CI over replications. A replication where roi is undefined (the intervention
    cost nothing) is left out; an intervention with no defined roi anywhere has no panel."""
    summaries = [return_summary(results, "roi").set_index("metric") for _, results in scenarios]
    metrics = []
    for summary in summaries:
        metrics += [m for m in summary.index
                    if summary.loc[m, "replications"] > 0 and m not in metrics]
    if not metrics:
        return None
    return _grouped_metric_chart(scenarios, metrics,
                                 "Intervention returns: net GBP per GBP of public money, "
                                 "mean with 95% CI", horizontal=True, summaries=summaries)
