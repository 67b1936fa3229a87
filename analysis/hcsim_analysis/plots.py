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

from .statistics import ALL_AREAS, mean_with_ci95, metric_summary, yearly_summary  # noqa: E402

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


def yearly_metric_chart(scenarios, metric, title):
    """Mean per year with 95% CI bars, one line per area and a bold line for all areas."""
    figure, axes = _panels(len(scenarios))
    for axis, (label, results) in zip(axes, scenarios):
        table = yearly_summary(results, metric)
        for area, rows in table.groupby("area", sort=False):
            is_total = area == ALL_AREAS
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


def cost_components(results):
    """Every cost_* metric except the total, in file order: the parts the total is made of."""
    return [m for m in results.metrics if m.startswith("cost_") and m != "cost_total"]


def cost_by_component_chart(scenarios):
    """Stacked mean cost per year by component, with the 95% CI of their sum on top."""
    figure, axes = _panels(len(scenarios))
    for axis, (label, results) in zip(axes, scenarios):
        components = cost_components(results)
        years = np.asarray(results.years)
        bottom = np.zeros(len(years))
        sum_per_replication_year = np.zeros((len(results.replications), len(years)))
        for component in components:
            per_replication_year = results.values(component).sum(axis=1)
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
                          fmt="none", ecolor="black", capsize=5, label="95% CI of the sum")
        axis.set_title(label)
        axis.set_xlabel("year after warm-up")
        axis.set_xticks(years)
        unit = results.units.get(components[0], "") if components else ""
        _style_axis(axis, unit)
    axes[-1].legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False)
    figure.suptitle("Cost by component per year (mean over replications)")
    figure.tight_layout()
    return _to_png(figure)


def _grouped_metric_chart(scenarios, metrics, title, horizontal=False):
    """One panel per metric (units differ), one bar per scenario with its 95% CI."""
    summaries = [(label, metric_summary(results).set_index("metric"))
                 for label, results in scenarios]
    columns = min(3, len(metrics))
    rows = math.ceil(len(metrics) / columns)
    figure, axes = plt.subplots(rows, columns, squeeze=False,
                                figsize=(4.2 * columns, 3.4 * rows))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    positions = np.arange(len(scenarios))
    for axis, metric in zip(axes.ravel(), metrics):
        means, lows, highs, units = [], [], [], ""
        for _, summary in summaries:
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
    for axis in axes.ravel()[len(metrics):]:
        axis.set_visible(False)
    figure.suptitle(title)
    figure.tight_layout()
    return _to_png(figure)


def scenario_comparison_chart(scenarios, metrics):
    return _grouped_metric_chart(
        scenarios, metrics, "Scenario comparison: totals over areas and years, mean with 95% CI")


def return_metrics(results):
    return [m for m in results.metrics if m.startswith("roi_")]


def intervention_return_chart(scenarios):
    """Return on investment per intervention, or None when no run has roi_* metrics.

    A return is a ratio, so adding it over areas and years would be meaningless:
    statistics.replication_totals averages it over them per replication, and the
    chart shows mean and CI over replications. (Revisit when the model defines
    how roi_* are stored.)"""
    metrics = []
    for _, results in scenarios:
        metrics += [m for m in return_metrics(results) if m not in metrics]
    if not metrics:
        return None
    return _grouped_metric_chart(scenarios, metrics,
                                 "Intervention returns (mean over areas and years) with 95% CI",
                                 horizontal=True)
