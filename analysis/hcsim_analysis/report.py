"""The report behind `hcsim report results.h5 [more.h5 ...] -o DIR`.

Every input is loaded and checked before DIR is touched, so bad input never
leaves a directory or a partial page behind. Outputs are written under
temporary names in DIR and renamed only when all of them exist, report.html
last: whoever sees report.html sees a complete report.

With several files the first is the baseline: each other file is compared
with it, paired replication by replication when the replications match
(hcsim's common random numbers make that pairing meaningful for runs with
the same seed).
"""
from dataclasses import dataclass
import os

import pandas as pd

from . import html_page as html
from .formatting import format_difference, format_interval, format_value
from .plots import (cost_by_component_chart, cost_components, intervention_return_chart,
                    scenario_comparison_chart, yearly_metric_chart)
from .results import load_points
from .statistics import metric_summary, paired_comparison, summary_metrics

REPORT_PAGE = "report.html"

# The measures a policy reader looks at first, in reading order; the rest are
# in the full table.
HEADLINE_METRICS = ("emergency_admissions", "bed_days", "delayed_discharge_days", "deaths",
                    "care_home_admissions", "cost_total")


class ReportOutputError(ValueError):
    """The output directory cannot be created or written; the message names it."""

    def __init__(self, directory, problem):
        super().__init__(f"{directory}: {problem}")
        self.directory = directory


@dataclass(frozen=True)
class Chart:
    file_name: str
    caption: str
    png: bytes


def scenario_labels(results_list):
    """Scenario names, made unique with the file name when two runs share a name."""
    names = [f"{r.attributes.scenario} [{r.point_label}]" if r.point_label else r.attributes.scenario
             for r in results_list]
    if len(set(names)) == len(names):
        return names
    labels = [f"{name} ({os.path.basename(r.path)})" for name, r in zip(names, results_list)]
    if len(set(labels)) == len(labels):
        return labels
    return [f"{i + 1}: {label}" for i, label in enumerate(labels)]


def headline_metrics(results_list):
    return [m for m in HEADLINE_METRICS if any(m in r.metrics for r in results_list)]


def build_charts(scenarios):
    charts = []
    first = scenarios[0][1]
    if "emergency_admissions" in first.metrics:
        charts.append(Chart("emergency_admissions_by_year.png",
                            "Emergency admissions per year by area and in total: "
                            "mean over replications with 95% CI",
                            yearly_metric_chart(scenarios, "emergency_admissions",
                                                "Emergency admissions per year")))
    if "delayed_discharge_days" in first.metrics:
        charts.append(Chart("delayed_discharge_days_by_year.png",
                            "Delayed-discharge bed days per year by area and in total: "
                            "mean over replications with 95% CI",
                            yearly_metric_chart(scenarios, "delayed_discharge_days",
                                                "Delayed-discharge days per year")))
    if any(cost_components(results) for _, results in scenarios):
        charts.append(Chart("cost_by_component.png",
                            "Cost per year stacked by service (hospital, care homes, P1 "
                            "reablement, P2 rehabilitation, home care, Attendance Allowance, "
                            "unpaid care, interventions, general practice, P3 assessment), "
                            "which add up to cost_total, with the 95% CI of cost_total; the "
                            "split by payer is the same money counted another way",
                            cost_by_component_chart(scenarios)))
    if len(scenarios) > 1:
        charts.append(Chart("scenario_comparison.png",
                            "Headline metrics by scenario: totals over areas and years, "
                            "mean with 95% CI (unpaired)",
                            scenario_comparison_chart(
                                scenarios, headline_metrics([r for _, r in scenarios]))))
    returns = intervention_return_chart(scenarios)
    if returns is not None:
        charts.append(Chart("intervention_returns.png",
                            "Return on investment per intervention (roi_<intervention>: "
                            "(savings_public \u2212 cost) / cost against a run without it, "
                            "over the areas it covers and every measured year): mean over "
                            "replications with 95% CI, leaving out replications where it "
                            "cost nothing", returns))
    return charts


def _runs_table(scenarios):
    header = html.row([html.cell(h, header=True) for h in (
        "scenario", "file", "seed", "replications", "hcsim version", "measured years",
        "warm-up days", "population scale", "areas")])
    rows = []
    for label, results in scenarios:
        a = results.attributes
        rows.append(html.row([
            html.cell(label), html.cell(os.path.basename(results.path)),
            html.cell(a.seed, number=True), html.cell(a.replications, number=True),
            html.cell(a.hcsim_version), html.cell(f"{a.horizon_years:g}", number=True),
            html.cell(f"{a.warmup_days:g}", number=True),
            html.cell(f"{a.population_scale:g}", number=True),
            html.cell(", ".join(results.areas))]))
    return html.table([header], rows, id="runs")


def displayed_summary(results):
    """The file's own /summary (the numbers hcsim printed), completed from the measures for any
    metric it lacks, so a table never silently drops a metric."""
    summary = results.summary.set_index("metric")[["mean", "ci95_low", "ci95_high"]]
    missing = [m for m in summary_metrics(results) if m not in summary.index]
    if not missing:
        return summary
    computed = metric_summary(results).set_index("metric").loc[missing, summary.columns]
    return pd.concat([summary, computed])


def _metrics_table(scenarios, metrics, table_id, with_description=False):
    """Mean and 95% CI per metric and scenario."""
    summaries = [displayed_summary(results) for _, results in scenarios]
    top = [html.cell("metric", header=True, rowspan=2), html.cell("units", header=True, rowspan=2)]
    if with_description:
        top.append(html.cell("description", header=True, rowspan=2))
    top += [html.cell(label, header=True, colspan=2) for label, _ in scenarios]
    second = []
    for _ in scenarios:
        second += [html.cell("mean", header=True), html.cell("95% CI", header=True)]
    rows = []
    for metric in metrics:
        units = next((r.units[metric] for _, r in scenarios if metric in r.units), "")
        cells = [html.cell(metric), html.cell(units)]
        if with_description:
            cells.append(html.cell(next((r.descriptions[metric] for _, r in scenarios
                                         if metric in r.descriptions), "")))
        for index, summary in enumerate(summaries):
            if metric in summary.index:
                entry = summary.loc[metric]
                mean, low, high = entry["mean"], entry["ci95_low"], entry["ci95_high"]
            else:
                mean = low = high = float("nan")
            cells.append(html.cell(format_value(mean), number=True, class_="mean",
                                   data_scenario=index))
            cells.append(html.cell(format_interval(low, high), number=True, class_="ci95",
                                   data_scenario=index))
        rows.append(html.row(cells, data_metric=metric))
    return html.table([html.row(top), html.row(second)], rows, id=table_id)


def _comparison_section(baseline, alternative, index):
    (label_a, a), (label_b, b) = baseline, alternative
    heading = f"<h3>{html.text(label_b)} compared with {html.text(label_a)}</h3>"
    if a.replications != b.replications:
        return heading + (f'<p class="note">Not paired: {html.text(label_a)} has '
                          f"{len(a.replications)} replications and {html.text(label_b)} "
                          f"{len(b.replications)}; see the chart for unpaired intervals.</p>")
    comparison = paired_comparison(a, b)
    header = html.row([html.cell(h, header=True) for h in (
        "metric", "units", f"mean {label_a}", f"mean {label_b}", "difference (b \u2212 a)",
        "paired 95% CI", "unpaired (Welch) 95% CI")])
    rows = []
    for entry in comparison.itertuples():
        rows.append(html.row([
            html.cell(entry.metric), html.cell(entry.units),
            html.cell(format_value(entry.mean_a), number=True, class_="mean-a"),
            html.cell(format_value(entry.mean_b), number=True, class_="mean-b"),
            html.cell(format_difference(entry.difference), number=True, class_="difference"),
            html.cell(format_interval(entry.paired_ci95_low, entry.paired_ci95_high, signed=True),
                      number=True, class_="paired-ci95"),
            html.cell(format_interval(entry.unpaired_ci95_low, entry.unpaired_ci95_high,
                                      signed=True), number=True, class_="unpaired-ci95"),
        ], data_metric=entry.metric))
    note = ""
    if a.attributes.seed != b.attributes.seed:
        note = ('<p class="note">The seeds differ, so replications do not share random '
                "numbers: the paired interval has no special claim here; prefer the unpaired "
                "one.</p>")
    return heading + note + html.table([header], rows, id=f"comparison-{index}",
                                       class_="comparison")


def build_page(scenarios, charts):
    labels = [label for label, _ in scenarios]
    title = "hcsim report: " + " vs ".join(labels)
    results_list = [results for _, results in scenarios]
    all_metrics = []
    for results in results_list:
        all_metrics += [m for m in displayed_summary(results).index if m not in all_metrics]
    parts = [
        f"<h1>{html.text(title)}</h1>",
        '<p class="note">Totals over all areas and measured years; means over independent '
        "replications with Student t 95% confidence intervals (\u2013 where there is only one "
        "replication).</p>",
        "<h2>Runs</h2>", _runs_table(scenarios),
        "<h2>Headline metrics</h2>",
        _metrics_table(scenarios, headline_metrics(results_list), "headline-metrics"),
        "<h2>Charts</h2>",
    ]
    parts += [html.figure(chart.png, chart.caption, chart.file_name.removesuffix(".png"))
              for chart in charts]
    if len(scenarios) > 1:
        parts.append("<h2>Comparison with the baseline</h2>")
        parts.append(f'<p class="note">Baseline: {html.text(labels[0])}. Differences are '
                     "alternative minus baseline. The paired interval uses replication r of "
                     "both runs together (common random numbers); the unpaired interval is "
                     "what an independent-samples (Welch) comparison would give.</p>")
        parts += [_comparison_section(scenarios[0], scenarios[i], i)
                  for i in range(1, len(scenarios))]
    parts.append("<h2>All metrics</h2>")
    parts.append(_metrics_table(scenarios, all_metrics, "all-metrics", with_description=True))
    parts.append("<h2>Scenarios as run</h2>")
    for label, results in scenarios:
        parts.append(f"<details><summary>{html.text(label)}: the resolved scenario in "
                     f"{html.text(os.path.basename(results.path))}</summary>"
                     f"<pre>{html.text(results.scenario_yaml)}</pre></details>")
    return html.page(title, parts)


def _prepare_output_directory(out_dir):
    """Create out_dir before the slow part, so an unusable one fails at once."""
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as error:
        raise ReportOutputError(out_dir, f"cannot create the output directory "
                                         f"({error.strerror or error})") from None
    if not os.path.isdir(out_dir):
        raise ReportOutputError(out_dir, "exists and is not a directory")


def _publish(out_dir, files):
    """Write files (name -> bytes) into out_dir under temporary names, then rename them,
    REPORT_PAGE last."""
    names = sorted(files, key=lambda name: name == REPORT_PAGE)
    temporary = {name: os.path.join(out_dir, f".{name}.tmp.{os.getpid()}") for name in names}
    try:
        for name in names:
            with open(temporary[name], "wb") as output:
                output.write(files[name])
        for name in names:
            os.replace(temporary[name], os.path.join(out_dir, name))
    except OSError as error:
        for path in temporary.values():
            try:
                os.remove(path)
            except OSError:
                pass
        raise ReportOutputError(out_dir, f"cannot write the report "
                                         f"({error.strerror or error})") from None
    return [os.path.join(out_dir, name) for name in names]


def write_report(paths, out_dir):
    """Load every results file, draw the charts, write out_dir/*.png and out_dir/report.html.
    Returns the written paths. Raises ResultsFileError or ReportOutputError on bad input."""
    if not paths:
        raise ValueError("no results files given")
    # A sweep's points are compared like separate scenarios.
    results_list = [results for path in paths for results in load_points(path)]
    scenarios = list(zip(scenario_labels(results_list), results_list))
    _prepare_output_directory(out_dir)
    charts = build_charts(scenarios)
    files = {chart.file_name: chart.png for chart in charts}
    files[REPORT_PAGE] = build_page(scenarios, charts).encode("utf-8")
    return _publish(out_dir, files)
