"""Means and 95% confidence intervals over replications, and paired comparisons.

Replications are independent runs, so each metric's total per replication is
one observation and the interval is Student t over them, as in hcsim's own
/summary. Two scenarios run with the same seed and replications share their
random draws (common random numbers), so replication r of one is paired with
replication r of the other: the paired interval removes the shared noise and
is usually much narrower than the unpaired (Welch) one, which is shown next
to it to make that visible.
"""
from dataclasses import dataclass
import math

import numpy as np
import pandas as pd

from .student_t import student_t_quantile, t_critical_95  # noqa: F401  (re-exported)

ALL_AREAS = "All areas"


@dataclass(frozen=True)
class MeanWithInterval:
    """A sample mean with its standard deviation and Student t 95% interval (NaN when n < 2)."""
    n: int
    mean: float
    sd: float
    ci95_low: float
    ci95_high: float


def mean_with_ci95(values):
    """NaN among the values makes the mean NaN, as in hcsim's /summary: a value that does not
    exist (roi of an intervention that cost nothing) is not silently left out."""
    values = np.asarray(values, dtype=float)
    n = len(values)
    if n == 0:
        return MeanWithInterval(0, math.nan, math.nan, math.nan, math.nan)
    mean = float(values.mean())
    if n < 2:
        return MeanWithInterval(n, mean, math.nan, math.nan, math.nan)
    sd = float(values.std(ddof=1))
    half_width = t_critical_95(n - 1) * sd / math.sqrt(n)
    return MeanWithInterval(n, mean, sd, mean - half_width, mean + half_width)


def period_life_expectancy(deaths, exposure):
    """Life expectancy at 65 from deaths and person-years at ages 65..99 and 100+, as hcsim
    computes it (models/life_table.hpp): a_x = 1/2, open group L = l / m; a year of age
    nobody was at risk at ends the table, and an open group without deaths adds nothing."""
    alive, years = 1.0, 0.0
    for died, at_risk in zip(deaths[:-1], exposure[:-1]):
        if not at_risk > 0.0:
            return years
        rate = died / at_risk
        dying = min(1.0, rate / (1.0 + 0.5 * rate))
        years += alive * (1.0 - 0.5 * dying)
        alive *= 1.0 - dying
    if exposure[-1] > 0.0 and deaths[-1] > 0.0:
        years += alive * exposure[-1] / deaths[-1]
    return years


def summary_metrics(results):
    """Every metric with one value per replication: the measures, then the intervention returns."""
    return list(results.metrics) + list(results.return_metrics)


def replication_totals(results):
    """Each metric's total over areas and years, per replication: rows replication, columns metric.
    A metric adds up as hcsim adds it (the file's 'aggregation' attributes): a sum; a ratio of
    sums; a daily level (numerator over days measured per area); the last year's snapshot; a
    life table of the deaths and person-years summed over areas and years.
    The intervention returns follow the measures: hcsim already writes one value per
    replication over the covered areas and every measured year, so they are taken as they are
    (NaN where undefined)."""
    sums = (results.measures.groupby(["replication", "metric"], sort=False)["value"].sum()
            .unstack("metric"))
    totals = sums.copy()
    areas = len(results.areas)
    for metric, (kind, numerator, denominator, scale) in results.aggregations.items():
        if kind == "ratio":
            totals[metric] = sums[numerator] / sums[denominator] * scale
        elif kind == "daily_level":
            totals[metric] = sums[numerator] / (sums["measured_days"] / areas)
        elif kind == "life_table":
            table = results.life_table
            sex = table.sex_of[metric]
            totals[metric] = pd.Series(
                [period_life_expectancy(table.deaths[r, :, :, sex].sum(axis=(0, 1)),
                                        table.exposure[r, :, :, sex].sum(axis=(0, 1)))
                 for r in range(len(results.replications))],
                index=list(results.replications))
        elif kind == "last_year":
            last = results.measures[(results.measures.metric == metric)
                                    & (results.measures.year == max(results.years))]
            totals[metric] = last.groupby("replication")["value"].sum()
    if len(results.returns):
        returns = results.returns.pivot(index="replication", columns="metric", values="value")
        totals = totals.join(returns.astype(float), how="outer")
    return totals.reindex(columns=summary_metrics(results)).sort_index()


def metric_summary(results):
    """Per metric: units, replications, mean, sd and 95% CI of the total over areas and years
    (added up as hcsim adds it), then of each intervention return."""
    totals = replication_totals(results)
    rows = []
    for metric in summary_metrics(results):
        interval = mean_with_ci95(totals[metric])
        rows.append({"metric": metric, "units": results.units[metric], "replications": interval.n,
                     "mean": interval.mean, "sd": interval.sd,
                     "ci95_low": interval.ci95_low, "ci95_high": interval.ci95_high})
    return pd.DataFrame(rows)


def return_summary(results, field="roi"):
    """Per intervention: mean and 95% CI of one return field over the replications where it
    exists. An intervention paid per person may cost nothing in a replication with nobody in
    its target group, leaving roi undefined there; the others still say what it returned.
    replications counts those used; with none, every number is NaN."""
    rows = []
    for metric in results.return_metrics:
        entries = results.returns[results.returns.metric == metric]
        if entries["field"].iloc[0] != field:
            continue
        values = entries["value"].to_numpy(dtype=float)
        interval = mean_with_ci95(values[np.isfinite(values)])
        rows.append({"metric": metric, "intervention": entries["intervention"].iloc[0],
                     "units": results.units[metric], "replications": interval.n,
                     "mean": interval.mean, "sd": interval.sd,
                     "ci95_low": interval.ci95_low, "ci95_high": interval.ci95_high})
    return pd.DataFrame(rows, columns=["metric", "intervention", "units", "replications", "mean",
                                       "sd", "ci95_low", "ci95_high"])


def yearly_summary(results, metric):
    """Mean and 95% CI per area and year, plus the sum over areas as area ALL_AREAS."""
    values = results.values(metric)  # [replication, area, year]
    rows = []
    series = [(area, values[:, a, :]) for a, area in enumerate(results.areas)]
    series.append((ALL_AREAS, values.sum(axis=1)))
    for area, per_replication_year in series:
        for y, year in enumerate(results.years):
            interval = mean_with_ci95(per_replication_year[:, y])
            rows.append({"area": area, "year": year, "mean": interval.mean,
                         "ci95_low": interval.ci95_low, "ci95_high": interval.ci95_high})
    return pd.DataFrame(rows)


class ComparisonError(ValueError):
    """Two results files cannot be paired (different replications)."""


def welch_ci95(a, b):
    """95% CI of mean(b) - mean(a) treating the samples as independent (Welch-Satterthwaite df);
    NaN with fewer than two values on a side or a value that does not exist (roi of an
    intervention that cost nothing)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    difference = float(b.mean() - a.mean())
    if len(a) < 2 or len(b) < 2 or not (np.isfinite(a).all() and np.isfinite(b).all()):
        return math.nan, math.nan
    variance_a, variance_b = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    standard_error = math.sqrt(variance_a + variance_b)
    if standard_error == 0.0:
        return difference, difference
    degrees_of_freedom = (variance_a + variance_b) ** 2 / (
        variance_a ** 2 / (len(a) - 1) + variance_b ** 2 / (len(b) - 1))
    half_width = t_critical_95(degrees_of_freedom) * standard_error
    return difference - half_width, difference + half_width


def paired_comparison(baseline, alternative):
    """Per metric in both files: mean of each, mean paired difference (alternative - baseline)
    with its 95% CI, and the 95% CI an unpaired Welch comparison would give."""
    if baseline.replications != alternative.replications:
        raise ComparisonError(
            f"cannot pair {baseline.path} ({len(baseline.replications)} replications) with "
            f"{alternative.path} ({len(alternative.replications)} replications)")
    totals_a, totals_b = replication_totals(baseline), replication_totals(alternative)
    rows = []
    for metric in summary_metrics(baseline):
        if metric not in totals_b.columns:
            continue
        a, b = totals_a[metric].to_numpy(), totals_b[metric].to_numpy()
        difference = mean_with_ci95(b - a)
        welch_low, welch_high = welch_ci95(a, b)
        rows.append({"metric": metric, "units": baseline.units[metric],
                     "mean_a": float(a.mean()), "mean_b": float(b.mean()),
                     "difference": difference.mean,
                     "paired_ci95_low": difference.ci95_low,
                     "paired_ci95_high": difference.ci95_high,
                     "unpaired_ci95_low": welch_low, "unpaired_ci95_high": welch_high})
    return pd.DataFrame(rows)
