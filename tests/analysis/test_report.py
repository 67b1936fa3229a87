#!/usr/bin/env python3
"""End-to-end test of the Python analysis package and `python3 -m hcsim_analysis report`.

Results files come from the real hcsim binary on tests/data/tiny.yaml (with
interventions: tiny_interventions.yaml beside this file; a sweep:
tests/data/sweep_grid.yaml), so the test also guards the results format as the
reader understands it. The example readers in analysis/examples are run too.

Usage: test_report.py [--hcsim PATH] [--source-dir DIR] [unittest options]
(or the environment variables HCSIM_BINARY and HCSIM_SOURCE_DIR).
"""
import argparse
import base64
from html.parser import HTMLParser
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

_HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("HCSIM_SOURCE_DIR", os.path.dirname(os.path.dirname(_HERE)))
HCSIM = os.environ.get("HCSIM_BINARY", os.path.join(SOURCE_DIR, "build", "release", "hcsim"))
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Set from the command line in __main__ before the tests import the package.
h5py = np = hcsim_analysis = None


class _Tables(HTMLParser):
    """Collects report tables: {table id: {data-metric: [(class, data-scenario, text), ...]}}."""

    def __init__(self):
        super().__init__()
        self.tables, self._table, self._row, self._cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table = self.tables.setdefault(attrs.get("id"), {})
        elif tag == "tr" and self._table is not None and "data-metric" in attrs:
            self._row = self._table.setdefault(attrs["data-metric"], [])
        elif tag == "td" and self._row is not None:
            self._cell = [attrs.get("class", ""), attrs.get("data-scenario"), ""]

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self._row.append(tuple(self._cell))
            self._cell = None
        elif tag == "tr":
            self._row = None
        elif tag == "table":
            self._table = None

    def cell(self, table, metric, css_class, scenario=None):
        for classes, data_scenario, text in self.tables[table][metric]:
            if css_class in classes.split() and (scenario is None or data_scenario == str(scenario)):
                return text
        raise AssertionError(f"no cell {css_class} (scenario {scenario}) for {metric} in {table}")


def run_hcsim(scenario, out, *settings):
    command = [HCSIM, "run", scenario, "--out", out, "--quiet"]
    for setting in settings:
        command += ["--set", setting]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def report_command(files, out_dir):
    return [sys.executable, "-m", "hcsim_analysis", "report", *files, "-o", out_dir]


def report_environment():
    environment = dict(os.environ)
    analysis = os.path.join(SOURCE_DIR, "analysis")
    environment["PYTHONDONTWRITEBYTECODE"] = "1"  # no __pycache__ in the source tree
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [analysis, environment.get("PYTHONPATH")]))
    return environment


def run_report(files, out_dir):
    return subprocess.run(report_command(files, out_dir), capture_output=True, text=True,
                          env=report_environment())


def summary_of(path, point=0):
    with h5py.File(path, "r") as f:
        names = [m.decode() if isinstance(m, bytes) else m for m in f["summary/metric"][()]]
        points = f["summary/point"][()] if "summary/point" in f else [0] * len(names)
        return {name: (f["summary/mean"][i], f["summary/ci95_low"][i], f["summary/ci95_high"][i])
                for i, name in enumerate(names) if points[i] == point}


def assert_same_or_both_nan(test, ours, theirs, message):
    if math.isnan(theirs):
        test.assertTrue(math.isnan(ours), message)
    else:
        test.assertAlmostEqual(ours, theirs, delta=1e-9 * max(1.0, abs(theirs)), msg=message)


def assert_stacked_costs_are_cost_total(test, results):
    """The cost chart's stack adds up to cost_total per replication and year, and every
    line of it is a service cost (no payer split stacked on top)."""
    stacked = hcsim_analysis.plots.stacked_costs(results)
    test.assertEqual(set(stacked), set(hcsim_analysis.plots.COST_BY_SERVICE))
    test.assertNotIn("cost_nhs", stacked)
    test.assertNotIn("cost_shunted_to_nhs", stacked)
    total = results.values("cost_total").sum(axis=1)  # [replication, year]
    stack = sum(stacked.values())
    test.assertGreater(total.min(), 0.0)
    test.assertLess(float(np.abs(stack - total).max()), 1e-9 * float(np.abs(total).max()))
    # Also per area, straight from the file.
    with h5py.File(results.path, "r") as f:
        by_area = sum(f[f"measures/{m}"][()] for m in stacked)
        test.assertLess(float(np.abs(by_area - f["measures/cost_total"][()]).max()),
                        1e-9 * float(np.abs(f["measures/cost_total"][()]).max()))


def life_expectancy_at_65(deaths, exposure):
    """A period life table from 65 written out from its definition (docs/results-format.md):
    m = deaths / person-years, q = m / (1 + m/2) capped at 1, L = l (1 - q/2), the open
    group L = l / m; it ends at the first age nobody was at risk at."""
    rates = [d / e if e > 0 else None for d, e in zip(deaths, exposure)]
    survivors, lived = 1.0, 0.0
    for rate in rates[:-1]:
        if rate is None:
            return lived
        q = min(1.0, rate / (1.0 + rate / 2.0))
        lived += survivors * (1.0 - q / 2.0)
        survivors *= 1.0 - q
    if rates[-1]:
        lived += survivors / rates[-1]
    return lived


def totals_per_replication(path, metric):
    """Straight from h5py, following the file's own aggregation attributes."""
    with h5py.File(path, "r") as f:
        def text(value):
            return value.decode() if isinstance(value, bytes) else str(value)

        def sums(name):
            return f[f"measures/{name}"][()].sum(axis=(1, 2))

        attrs = f[f"measures/{metric}"].attrs
        kind = text(attrs.get("aggregation", "sum"))
        values = f[f"measures/{metric}"][()]
        if kind == "ratio":
            return sums(text(attrs["numerator"])) / sums(text(attrs["denominator"])) * float(attrs["scale"])
        if kind == "daily_level":
            return sums(text(attrs["numerator"])) / (sums("measured_days") / values.shape[1])
        if kind == "last_year":
            return values[:, :, -1].sum(axis=1)
        if kind == "life_table":
            sex = 1 if text(attrs["sex"]) == "female" else 0
            deaths = f["life_table/deaths"][()][:, :, :, sex].sum(axis=(1, 2))
            exposure = f["life_table/exposure"][()][:, :, :, sex].sum(axis=(1, 2))
            return np.array([life_expectancy_at_65(d, e) for d, e in zip(deaths, exposure)])
        return values.sum(axis=(1, 2))


class ReportTest(unittest.TestCase):
    """One two-scenario report, built once and inspected by several tests."""

    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="hcsim-report-test-")
        tiny = os.path.join(SOURCE_DIR, "tests", "data", "tiny.yaml")
        cls.baseline = os.path.join(cls.work, "a.h5")
        cls.alternative = os.path.join(cls.work, "b.h5")
        cls.single = os.path.join(cls.work, "one.h5")
        # Two measured years so the per-year charts have a time axis. More
        # care-home places in Northtown (area 0), where places run short, so
        # the comparison has real differences: Southville's places never fill
        # in tiny.yaml, and raising them would give identical runs.
        run_hcsim(tiny, cls.baseline, "horizon_years=2")
        run_hcsim(tiny, cls.alternative, "horizon_years=2", "areas.0.care_home_places=3000")
        run_hcsim(tiny, cls.single, "replications=1")
        cls.out = os.path.join(cls.work, "report")
        finished = run_report([cls.baseline, cls.alternative], cls.out)
        if finished.returncode != 0:
            raise AssertionError(f"report failed ({finished.returncode}): {finished.stderr}")
        with open(os.path.join(cls.out, "report.html"), encoding="utf-8") as page:
            cls.html = page.read()
        cls.tables = _Tables()
        cls.tables.feed(cls.html)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def charts(self, directory):
        return sorted(name for name in os.listdir(directory) if name.endswith(".png"))

    def test_report_page_and_every_chart_are_written(self):
        self.assertEqual(self.charts(self.out), [
            "cost_by_component.png", "delayed_discharge_days_by_year.png",
            "emergency_admissions_by_year.png", "scenario_comparison.png"])
        for name in self.charts(self.out):
            with open(os.path.join(self.out, name), "rb") as chart:
                content = chart.read()
            self.assertGreater(len(content), 1000, name)
            self.assertEqual(content[:8], PNG_SIGNATURE, name)
        leftovers = [name for name in os.listdir(self.out) if ".tmp." in name]
        self.assertEqual(leftovers, [])

    def test_page_embeds_every_chart_and_fetches_nothing(self):
        for name in self.charts(self.out):
            with open(os.path.join(self.out, name), "rb") as chart:
                encoded = base64.b64encode(chart.read()).decode("ascii")
            self.assertIn(f'src="data:image/png;base64,{encoded}"', self.html, name)
        self.assertEqual(self.html.count("data:image/png;base64,"), len(self.charts(self.out)))
        self.assertNotRegex(self.html, r'(src|href)="(?!data:)')
        self.assertNotIn("<script", self.html)
        self.assertNotIn("<link", self.html)

    def test_page_names_the_runs(self):
        for path in (self.baseline, self.alternative):
            with h5py.File(path, "r") as f:
                self.assertIn(f"<td>{f.attrs['hcsim_version']}</td>", self.html)
                self.assertIn(f'<td class="number">{f.attrs["seed"]}</td>', self.html)
                self.assertIn(f'<td class="number">{f.attrs["replications"]}</td>', self.html)
            self.assertIn(os.path.basename(path), self.html)
        self.assertIn("tiny", self.html)

    def test_headline_numbers_are_the_file_summary(self):
        format_value = hcsim_analysis.formatting.format_value
        format_interval = hcsim_analysis.formatting.format_interval
        for scenario, path in enumerate((self.baseline, self.alternative)):
            summary = summary_of(path)
            headline = [m for m in hcsim_analysis.report.HEADLINE_METRICS if m in summary]
            self.assertEqual(sorted(self.tables.tables["headline-metrics"]), sorted(headline))
            self.assertEqual(sorted(self.tables.tables["all-metrics"]), sorted(summary))
            for table, metrics in (("headline-metrics", headline), ("all-metrics", summary)):
                for metric in metrics:
                    mean, low, high = summary[metric]
                    self.assertEqual(self.tables.cell(table, metric, "mean", scenario),
                                     format_value(mean), metric)
                    self.assertEqual(self.tables.cell(table, metric, "ci95", scenario),
                                     format_interval(low, high), metric)

    def test_number_format(self):
        formatting = hcsim_analysis.formatting
        self.assertEqual(formatting.format_value(12984295.94), "12,984,295.9")
        self.assertEqual(formatting.format_value(27.94), "27.9")
        self.assertEqual(formatting.format_value(math.nan), "\u2013")
        self.assertEqual(formatting.format_difference(-1058.24), "-1,058.2")
        self.assertEqual(formatting.format_interval(-1.0, 2.0, signed=True), "[-1.0, +2.0]")

    def test_statistics_reproduce_the_file_summary(self):
        for path in (self.baseline, self.alternative, self.single):
            summary = summary_of(path)
            computed = hcsim_analysis.metric_summary(hcsim_analysis.load_results(path))
            for entry in computed.itertuples():
                for ours, theirs in zip((entry.mean, entry.ci95_low, entry.ci95_high),
                                        summary[entry.metric]):
                    assert_same_or_both_nan(self, ours, theirs, entry.metric)

    def test_life_expectancy_of_a_constant_death_rate(self):
        # The same m at every age gives exactly 1 / m (a geometric series).
        deaths = [0.1 * 1000.0 * 0.9 ** k for k in range(36)]
        exposure = [1000.0 * 0.9 ** k for k in range(36)]
        self.assertAlmostEqual(
            hcsim_analysis.statistics.period_life_expectancy(deaths, exposure), 10.0, places=9)

    def test_paired_comparison_matches_a_hand_computation(self):
        comparison = hcsim_analysis.paired_comparison(
            hcsim_analysis.load_results(self.baseline),
            hcsim_analysis.load_results(self.alternative)).set_index("metric")
        t_2_degrees = 0.95 / math.sqrt(2 * 0.975 * 0.025)  # t(0.975, 2) in closed form
        format_value = hcsim_analysis.formatting.format_value
        format_interval = hcsim_analysis.formatting.format_interval
        differing = 0
        for metric in comparison.index:
            a = totals_per_replication(self.baseline, metric)
            b = totals_per_replication(self.alternative, metric)
            self.assertEqual(len(a), 3)
            difference = b - a
            half_width = t_2_degrees * difference.std(ddof=1) / math.sqrt(3)
            variance_a, variance_b = a.var(ddof=1) / 3, b.var(ddof=1) / 3
            standard_error = math.sqrt(variance_a + variance_b)
            if standard_error > 0:
                welch_df = standard_error ** 4 / (variance_a ** 2 / 2 + variance_b ** 2 / 2)
                welch_half = hcsim_analysis.student_t_quantile(0.975, welch_df) * standard_error
            else:
                welch_half = 0.0
            expected = {"mean_a": a.mean(), "mean_b": b.mean(), "difference": difference.mean(),
                        "paired_ci95_low": difference.mean() - half_width,
                        "paired_ci95_high": difference.mean() + half_width,
                        "unpaired_ci95_low": difference.mean() - welch_half,
                        "unpaired_ci95_high": difference.mean() + welch_half}
            for column, value in expected.items():
                self.assertAlmostEqual(comparison.loc[metric, column], value,
                                       delta=1e-9 * max(1.0, abs(value)), msg=f"{metric} {column}")
            differing += bool(abs(difference).max() > 0)
            self.assertEqual(self.tables.cell("comparison-1", metric, "mean-a"),
                             format_value(a.mean()))
            self.assertEqual(self.tables.cell("comparison-1", metric, "paired-ci95"),
                             format_interval(expected["paired_ci95_low"],
                                             expected["paired_ci95_high"], signed=True))
            self.assertEqual(self.tables.cell("comparison-1", metric, "unpaired-ci95"),
                             format_interval(expected["unpaired_ci95_low"],
                                             expected["unpaired_ci95_high"], signed=True))
        self.assertGreater(differing, 0, "the two scenarios should differ")
        # Common random numbers: pairing must narrow the interval for admissions.
        admissions = comparison.loc["emergency_admissions"]
        self.assertLess(admissions.paired_ci95_high - admissions.paired_ci95_low,
                        admissions.unpaired_ci95_high - admissions.unpaired_ci95_low)

    def test_t_quantiles(self):
        t = hcsim_analysis.t_critical_95
        for degrees_of_freedom, expected in ((1, 12.706), (4, 2.776), (9, 2.262), (30, 2.042),
                                             (100, 1.984)):
            self.assertAlmostEqual(t(degrees_of_freedom), expected, places=3)
        # More digits: closed forms for df 1 (Cauchy) and 2, R's qt and qnorm otherwise.
        for degrees_of_freedom, expected in ((1, math.tan(math.pi * 0.475)),
                                             (2, 0.95 / math.sqrt(2 * 0.975 * 0.025)),
                                             (9, 2.262157162798205), (30, 2.042272456301238),
                                             (math.inf, 1.959963984540054)):
            self.assertAlmostEqual(t(degrees_of_freedom), expected, delta=1e-9)
        self.assertAlmostEqual(hcsim_analysis.student_t_quantile(0.025, 9), -2.262157162798205,
                               delta=1e-9)
        self.assertAlmostEqual(hcsim_analysis.student_t_cdf(2.262157162798205, 9), 0.975,
                               delta=1e-12)

    def test_single_replication_shows_no_interval(self):
        out = os.path.join(self.work, "single")
        finished = run_report([self.single], out)
        self.assertEqual(finished.returncode, 0, finished.stderr)
        self.assertEqual(self.charts(out), ["cost_by_component.png",
                                            "delayed_discharge_days_by_year.png",
                                            "emergency_admissions_by_year.png"])
        with open(os.path.join(out, "report.html"), encoding="utf-8") as page:
            tables = _Tables()
            tables.feed(page.read())
        self.assertEqual(tables.cell("headline-metrics", "cost_total", "ci95", 0), "\u2013")
        self.assertNotIn("comparison-1", tables.tables)

    def test_unequal_replications_are_not_paired(self):
        out = os.path.join(self.work, "unequal")
        finished = run_report([self.baseline, self.single], out)
        self.assertEqual(finished.returncode, 0, finished.stderr)
        with open(os.path.join(out, "report.html"), encoding="utf-8") as page:
            html = page.read()
        self.assertIn("Not paired", html)
        self.assertNotIn('id="comparison-1"', html)
        self.assertIn("scenario_comparison.png", self.charts(out))

    def test_no_intervention_returns_chart_without_interventions(self):
        self.assertNotIn("intervention_returns.png", self.charts(self.out))
        results = hcsim_analysis.load_results(self.baseline)
        self.assertEqual(len(results.returns), 0)
        self.assertEqual(results.return_metrics, ())

    def test_cost_stack_adds_up_to_cost_total(self):
        for path in (self.baseline, self.alternative, self.single):
            assert_stacked_costs_are_cost_total(self, hcsim_analysis.load_results(path))

    def test_loader_names_the_bad_file(self):
        missing = os.path.join(self.work, "missing.h5")
        with self.assertRaises(hcsim_analysis.ResultsFileError) as raised:
            hcsim_analysis.load_results(missing)
        self.assertIn(missing, str(raised.exception))

    def test_bad_input_exits_2_and_writes_nothing(self):
        not_hdf5 = os.path.join(self.work, "not_hdf5.h5")
        with open(not_hdf5, "w") as f:
            f.write("this is not HDF5\n")
        no_format = os.path.join(self.work, "no_format.h5")
        with h5py.File(no_format, "w") as f:
            f.create_dataset("x", data=[1])
        wrong_version = os.path.join(self.work, "wrong_version.h5")
        shutil.copyfile(self.baseline, wrong_version)
        with h5py.File(wrong_version, "r+") as f:
            f.attrs["format_version"] = 99
        wrong_format = os.path.join(self.work, "wrong_format.h5")
        shutil.copyfile(self.baseline, wrong_format)
        with h5py.File(wrong_format, "r+") as f:
            f.attrs["format"] = "something-else"
        missing = os.path.join(self.work, "missing.h5")
        cases = {  # name: (files, the path the error must name)
            "missing": ([self.baseline, missing], missing),
            "not_hdf5": ([not_hdf5], not_hdf5),
            "no_format": ([no_format], no_format),
            "wrong_version": ([self.baseline, wrong_version], wrong_version),
            "wrong_format": ([wrong_format], wrong_format),
        }
        # Each case runs in its own process; start them together to keep the test fast.
        running = {}
        for name, (files, _) in cases.items():
            out = os.path.join(self.work, f"bad-{name}")
            running[name] = (out, subprocess.Popen(
                report_command(files, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True, env=report_environment()))
        unwritable = os.path.join(not_hdf5, "report")  # a directory under a regular file
        running["unwritable"] = (unwritable, subprocess.Popen(
            report_command([self.baseline], unwritable), stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env=report_environment()))
        for name, (out, process) in running.items():
            _, stderr = process.communicate(timeout=60)
            with self.subTest(case=name):
                self.assertEqual(process.returncode, 2, stderr)
                lines = stderr.strip().splitlines()
                self.assertEqual(len(lines), 1, stderr)
                named = cases[name][1] if name in cases else unwritable
                self.assertIn(named, lines[0])
                self.assertFalse(os.path.exists(os.path.join(out, "report.html")))
                if name in cases:
                    self.assertFalse(os.path.exists(out), "bad input must not create DIR")


class ManyAreasTest(unittest.TestCase):
    """England's 42 footprints: the per-year charts draw the areas as one grey bundle under
    one legend entry, so the legend fits and matplotlib lays the page out without a word."""

    def test_report_of_42_areas_lays_out_without_warnings(self):
        work = tempfile.mkdtemp(prefix="hcsim-many-areas-test-")
        try:
            path = os.path.join(work, "england.h5")
            run_hcsim(os.path.join(SOURCE_DIR, "scenarios", "default.yaml"), path,
                      "population_scale=0.005", "replications=2", "warmup_days=30")
            out = os.path.join(work, "report")
            finished = run_report([path], out)
            self.assertEqual(finished.returncode, 0, finished.stderr)
            self.assertNotIn("Warning", finished.stderr)
            self.assertIn("emergency_admissions_by_year.png", os.listdir(out))
        finally:
            shutil.rmtree(work, ignore_errors=True)


class InterventionReturnsTest(unittest.TestCase):
    """Intervention returns, read from /intervention_returns (not /measures): a sweep of one
    intervention's effect, 2 points x 3 replications, so the report pairs point 1 with
    point 0 and each point's returns must come from its own runs."""

    ROI = "roi_admission_avoidance_65"
    COSTLESS_ROI = "roi_care_homes_enhanced"  # the intervention that costs nothing

    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="hcsim-returns-test-")
        scenario = os.path.join(cls.work, "sweep.yaml")
        with open(scenario, "w", encoding="utf-8") as f:
            f.write(f"extends: {os.path.join(_HERE, 'tiny_interventions.yaml')}\n"
                    "name: tiny_interventions_sweep\n"
                    "sweep:\n  grid:\n"
                    "    interventions.0.effect.admission_hazard_ratio: [0.8, 0.9]\n")
        cls.path = os.path.join(cls.work, "returns.h5")
        run_hcsim(scenario, cls.path)
        cls.out = os.path.join(cls.work, "report")
        finished = run_report([cls.path], cls.out)
        if finished.returncode != 0:
            raise AssertionError(f"report failed ({finished.returncode}): {finished.stderr}")
        with open(os.path.join(cls.out, "report.html"), encoding="utf-8") as page:
            cls.html = page.read()
        cls.tables = _Tables()
        cls.tables.feed(cls.html)
        cls.points = hcsim_analysis.load_points(cls.path)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def file_returns(self, point, metric):
        """The metric's value per replication of the point, straight from the file."""
        with h5py.File(self.path, "r") as f:
            dataset = f["intervention_returns"]
            interventions = dataset.attrs["interventions"].split(",")
            fields = dataset.attrs["fields"].split(",")
            field, intervention = next(
                (field, name) for field in fields for name in interventions
                if metric == f"{'intervention_cost' if field == 'cost' else field}_{name}")
            runs = np.flatnonzero(f["runs/point"][()] == point)
            self.assertEqual(list(f["runs/replication"][()][runs]), [0, 1, 2])
            return dataset[()][runs, interventions.index(intervention), fields.index(field)]

    def test_each_field_has_its_units(self):
        with h5py.File(self.path, "r") as f:
            attrs = f["intervention_returns"].attrs
            fields = attrs["fields"].split(",")
            field_units = attrs["field_units"].split(";")
        self.assertEqual(len(field_units), len(fields))
        units = dict(zip(fields, field_units))
        self.assertEqual(units["roi"], "GBP per GBP invested, net")
        self.assertEqual(units["admissions_avoided"], "admissions")
        self.assertEqual(units["bed_days_saved"], "bed-days")
        self.assertEqual(units["savings_nhs"], "GBP")
        # The reader labels each metric with its field's entry.
        for results in self.points:
            for field, unit in units.items():
                metric = f"{'intervention_cost' if field == 'cost' else field}_admission_avoidance_65"
                self.assertEqual(results.units[metric], unit, metric)

    def test_chart_is_drawn_and_embedded(self):
        self.assertIn("intervention_returns.png", os.listdir(self.out))
        with open(os.path.join(self.out, "intervention_returns.png"), "rb") as chart:
            content = chart.read()
        self.assertEqual(content[:8], PNG_SIGNATURE)
        self.assertIn(base64.b64encode(content).decode("ascii"), self.html)
        self.assertIn('id="intervention_returns"', self.html)

    def test_returns_per_replication_are_the_file_values(self):
        for results in self.points:
            self.assertEqual(len(results.return_metrics), 2 * 14)
            self.assertEqual(results.units[self.ROI], "GBP per GBP invested, net")
            self.assertEqual(results.units["intervention_cost_admission_avoidance_65"], "GBP")
            totals = hcsim_analysis.replication_totals(results)
            for metric in results.return_metrics:
                expected = self.file_returns(results.point, metric)
                np.testing.assert_array_equal(results.return_values(metric), expected, metric)
                np.testing.assert_array_equal(totals[metric].to_numpy(), expected, metric)
            roi = totals[self.ROI].to_numpy()
            self.assertTrue(np.isfinite(roi).all())
            self.assertTrue(np.isnan(totals[self.COSTLESS_ROI].to_numpy()).all())
        # Each point's own runs: the effect differs, so the returns do.
        self.assertFalse(np.array_equal(self.points[0].return_values(self.ROI),
                                        self.points[1].return_values(self.ROI)))

    def test_summaries_and_page_match_the_file(self):
        format_value = hcsim_analysis.formatting.format_value
        for results in self.points:
            summary = summary_of(self.path, results.point)
            computed = hcsim_analysis.metric_summary(results).set_index("metric")
            for metric in results.return_metrics:
                for ours, theirs in zip(computed.loc[metric, ["mean", "ci95_low", "ci95_high"]],
                                        summary[metric]):
                    assert_same_or_both_nan(self, ours, theirs, metric)
                self.assertEqual(self.tables.cell("all-metrics", metric, "mean", results.point),
                                 format_value(summary[metric][0]), metric)

    def test_paired_comparison_shows_the_returns(self):
        comparison = hcsim_analysis.paired_comparison(*self.points).set_index("metric")
        a = self.file_returns(0, self.ROI)
        b = self.file_returns(1, self.ROI)
        self.assertAlmostEqual(comparison.loc[self.ROI, "mean_a"], a.mean(), delta=1e-12)
        self.assertAlmostEqual(comparison.loc[self.ROI, "difference"], (b - a).mean(),
                               delta=1e-12)
        self.assertEqual(self.tables.cell("comparison-1", self.ROI, "difference"),
                         hcsim_analysis.formatting.format_difference((b - a).mean()))
        self.assertIn(self.COSTLESS_ROI, comparison.index)

    def test_chart_leaves_out_replications_without_a_return(self):
        partial = os.path.join(self.work, "partial.h5")
        shutil.copyfile(self.path, partial)
        with h5py.File(partial, "r+") as f:
            fields = f["intervention_returns"].attrs["fields"].split(",")
            f["intervention_returns"][1, 0, fields.index("roi")] = np.nan  # point 0, replication 1
        results = hcsim_analysis.load_results(partial)
        roi = results.return_values(self.ROI)
        self.assertTrue(np.isnan(roi[1]))
        shown = hcsim_analysis.return_summary(results).set_index("metric")
        self.assertEqual(shown.loc[self.ROI, "replications"], 2)
        self.assertAlmostEqual(shown.loc[self.ROI, "mean"], (roi[0] + roi[2]) / 2, delta=1e-12)
        self.assertEqual(shown.loc[self.COSTLESS_ROI, "replications"], 0)
        # The summary tables, like hcsim's, show no mean when a replication has none.
        self.assertTrue(math.isnan(
            hcsim_analysis.metric_summary(results).set_index("metric").loc[self.ROI, "mean"]))
        self.assertIsNotNone(hcsim_analysis.plots.intervention_return_chart([("a", results)]))

    def test_cost_stack_adds_up_to_cost_total_with_intervention_costs(self):
        for results in self.points:
            self.assertGreater(results.values("cost_interventions").sum(), 0.0)
            assert_stacked_costs_are_cost_total(self, results)


class ExampleReadersTest(unittest.TestCase):
    """analysis/examples/read_results.py and .R on a sweep (4 points x 2 replications = 8 runs)
    and on a format_version 1 file: runs are labelled by point and replication."""

    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="hcsim-examples-test-")
        cls.sweep = os.path.join(cls.work, "sweep.h5")
        run_hcsim(os.path.join(SOURCE_DIR, "tests", "data", "sweep_grid.yaml"), cls.sweep,
                  "replications=2")
        cls.version_1 = os.path.join(cls.work, "version_1.h5")
        run_hcsim(os.path.join(SOURCE_DIR, "tests", "data", "tiny.yaml"), cls.version_1,
                  "replications=2")
        with h5py.File(cls.version_1, "r+") as f:  # as format_version 1 wrote it
            for name in ("runs/point", "runs/replication", "points", "summary/point",
                         "dimensions/point"):
                if name in f:
                    del f[name]
            f.attrs["format_version"] = 1
        sys.path.insert(0, os.path.join(SOURCE_DIR, "analysis", "examples"))
        try:
            import read_results
        finally:
            sys.path.pop(0)
        cls.reader = read_results

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def expected_admissions_per_area(self, path):
        """{(point, area): mean over the point's replications of the total over years}."""
        with h5py.File(path, "r") as f:
            values = f["measures/emergency_admissions"][()].sum(axis=2)  # [run, area]
            areas = [a.decode() if isinstance(a, bytes) else a for a in f["dimensions/area"][()]]
            point = f["runs/point"][()] if "runs/point" in f else np.zeros(len(values), int)
        return {(int(p), area): float(values[point == p, a].mean())
                for p in np.unique(point) for a, area in enumerate(areas)}

    def test_python_reader_labels_runs_by_point_and_replication(self):
        measures = self.reader.tidy_measures(self.sweep)
        runs = measures[measures.metric == "emergency_admissions"][["run", "point", "replication"]]
        runs = sorted(set(map(tuple, runs.to_numpy())))
        self.assertEqual(runs, [(p * 2 + r, p, r) for p in range(4) for r in range(2)])
        summary = self.reader.summary(self.sweep)
        self.assertEqual(sorted(summary.point.unique()), [0, 1, 2, 3])
        with h5py.File(self.sweep, "r") as f:
            labels = list(f["points/label"].asstr()[()])
        for point, label in enumerate(labels):
            self.assertEqual(set(summary[summary.point == point].label), {label})
        version_1 = self.reader.tidy_measures(self.version_1)
        self.assertEqual(sorted(version_1.replication.unique()), [0, 1])
        self.assertEqual(list(version_1.point.unique()), [0])

    def test_python_reader_prints_each_point(self):
        for path in (self.sweep, self.version_1):
            finished = subprocess.run(
                [sys.executable, os.path.join(SOURCE_DIR, "analysis", "examples",
                                              "read_results.py"), path],
                capture_output=True, text=True, env=report_environment())
            self.assertEqual(finished.returncode, 0, finished.stderr)
            self.assertIn("emergency_admissions", finished.stdout)
            if path == self.sweep:
                self.assertIn("(8 runs)", finished.stdout)
                self.assertIn("point 3: parameters.hospital.beds_per_1000=2.2, "
                              "areas.Southville.care_home_places=3000", finished.stdout)
            per_area = finished.stdout.split("mean over replications (columns: points):")[1]
            for (point, area), mean in self.expected_admissions_per_area(path).items():
                line = next(line for line in per_area.splitlines() if line.startswith(area))
                self.assertEqual(line.split()[1 + point], f"{mean:.1f}", (path, point, area))

    def test_r_reader_prints_each_point(self):
        rscript = shutil.which("Rscript")
        if rscript is None:
            self.skipTest("no Rscript")
        finished = subprocess.run(
            [rscript, os.path.join(SOURCE_DIR, "analysis", "examples", "read_results.R"),
             self.sweep], capture_output=True, text=True)
        if "there is no package called" in finished.stderr:
            self.skipTest("R has no hdf5r")
        self.assertEqual(finished.returncode, 0, finished.stderr)
        self.assertIn("4 point(s) (8 runs)", finished.stdout)
        self.assertIn("point 3: parameters.hospital.beds_per_1000=2.2, "
                      "areas.Southville.care_home_places=3000", finished.stdout)
        per_area = finished.stdout.split("mean over replications:")[1].split("\n\n")[0]
        printed = {(int(point), area): float(value)
                   for point, area, value in (line.split() for line in per_area.splitlines()[2:])}
        expected = self.expected_admissions_per_area(self.sweep)
        self.assertEqual(sorted(printed), sorted(expected))
        for key, mean in expected.items():
            self.assertAlmostEqual(printed[key], mean, delta=1e-3, msg=key)


def main():
    global SOURCE_DIR, HCSIM, h5py, np, hcsim_analysis
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--hcsim", default=None)
    parser.add_argument("--source-dir", default=None)
    arguments, unittest_arguments = parser.parse_known_args()
    SOURCE_DIR = os.path.abspath(arguments.source_dir or SOURCE_DIR)
    HCSIM = os.path.abspath(arguments.hcsim or HCSIM)
    if not os.access(HCSIM, os.X_OK):
        sys.exit(f"test_report.py: no hcsim executable at {HCSIM} (pass --hcsim PATH)")
    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    sys.path.insert(0, os.path.join(SOURCE_DIR, "analysis"))
    import h5py as h5py_module
    import numpy as numpy_module
    import hcsim_analysis as package
    import hcsim_analysis.formatting  # noqa: F401  (used through the package)
    import hcsim_analysis.plots  # noqa: F401
    import hcsim_analysis.report  # noqa: F401
    h5py, np, hcsim_analysis = h5py_module, numpy_module, package
    unittest.main(argv=[sys.argv[0]] + unittest_arguments, verbosity=2)


if __name__ == "__main__":
    main()
