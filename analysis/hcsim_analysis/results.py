"""One hcsim results file (docs/results-format.md) loaded into pandas.

The file is checked before anything is read from it, so a wrong or damaged
input fails with an error naming the file instead of a KeyError deep inside
a plot. Everything is read into memory at once: a results file holds
replications x areas x years x metrics numbers, which is small.

Intervention returns are not measures: hcsim writes one value per run,
intervention and field in /intervention_returns (the intervention against a
counterfactual run without it), not per area and year. They are read into
their own table, named as hcsim names them in JSON and its printed tables.
"""
from dataclasses import dataclass, field
import os

import h5py
import numpy as np
import pandas as pd

RESULTS_FORMAT = "hcsim-results"
# Version 2 added sweep points (/runs/point, /points, /summary/point); a file
# without a sweep reads the same in both.
RESULTS_FORMAT_VERSIONS = (1, 2)

_REQUIRED_DATASETS = (
    "dimensions/replication", "dimensions/area", "dimensions/year", "dimensions/metric",
    "summary/metric", "summary/mean", "summary/sd", "summary/ci95_low", "summary/ci95_high",
    "manifest/scenario_yaml",
)
_REQUIRED_ATTRIBUTES = ("scenario", "seed", "replications", "hcsim_version",
                        "horizon_years", "warmup_days", "population_scale")
_RETURN_COLUMNS = ["metric", "intervention", "field", "replication", "value", "units"]


class ResultsFileError(ValueError):
    """The file is missing, unreadable or not an hcsim results file; the message names it."""

    def __init__(self, path, problem):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class RunAttributes:
    """What produced the results: the root attributes of the file."""
    scenario: str
    seed: int
    replications: int
    hcsim_version: str
    horizon_years: float
    warmup_days: float
    population_scale: float


@dataclass(frozen=True)
class LifeTableCounts:
    """The deaths and person-years at risk behind the life-expectancy metrics (/life_table):
    arrays [replication, area, year, sex, age], sex 0 male and 1 female, ages 65 to 99 and
    an open 100+. sex_of: each life-table metric's sex index."""
    deaths: np.ndarray
    exposure: np.ndarray
    sex_of: dict


def return_metric_name(field, intervention):
    """The name hcsim gives field `field` of an intervention's return in JSON and its tables
    (models/interventions/intervention_returns.cpp): roi_<name>, savings_nhs_<name>, ...;
    the field `cost` becomes intervention_cost_<name>, since cost_<name> would read as a cost
    metric of the whole run."""
    return f"{'intervention_cost' if field == 'cost' else field}_{intervention}"


def return_units(field):
    """The units of a return field, as hcsim gives them (intervention_return_units), for
    files written before /intervention_returns had its `field_units` attribute."""
    if field == "roi":
        return "GBP per GBP invested, net"
    if field == "admissions_avoided":
        return "admissions"
    if field in ("bed_days_saved", "delayed_discharge_days_avoided"):
        return "bed-days"
    return "GBP"


# The payers of models/funding/payer.hpp, as a sentence names them.
_PAYER_WORDS = {"nhs": "the NHS", "local_authority": "the local authority",
                "pooled_fund": "the pooled fund", "dwp": "the DWP",
                "self_funders": "self-funders", "unpaid_care_value": "unpaid carers (as valued)",
                "third_sector": "the third sector"}


def return_description(field, intervention):
    """What a return field means, for the report's table of every metric."""
    against = f"without {intervention} minus with it, in the areas it covers"
    if field == "cost":
        return f"running cost of {intervention}, paid by its payer"
    if field.startswith("savings"):
        payer = field.removeprefix("savings").removeprefix("_")
        who = {"": "every payer together",
               "public": "the public payers (the NHS, the local authority, the pooled fund, "
                         "the DWP)"}.get(payer, _PAYER_WORDS.get(payer, payer))
        return f"saving to {who}: spending {against}, its own cost left out"
    if field == "roi":
        return (f"net return per pound of public money on {intervention}: "
                f"(savings_public - cost) / cost; none when it cost nothing")
    outcome = {"admissions_avoided": "emergency admissions",
               "bed_days_saved": "hospital bed days",
               "delayed_discharge_days_avoided": "delayed-discharge bed days"}.get(field, field)
    return f"{outcome} {against}"


@dataclass(frozen=True)
class Results:
    """A results file in memory.

    measures: tidy, one row per (metric, replication, area, year) with value and units.
    summary: the file's own /summary table (metric, mean, sd, ci95_low, ci95_high, units).
    returns: tidy, one row per (metric, replication) of the intervention returns: metric (as
      return_metric_name names it), intervention, field, replication, value (NaN where
      undefined: roi of an intervention that cost nothing) and units; empty when the file
      has no /intervention_returns. Its metrics are return_metrics, not metrics (which are
      the /measures, per area and year); units and descriptions cover both.
    """
    path: str
    attributes: RunAttributes
    measures: pd.DataFrame
    summary: pd.DataFrame
    scenario_yaml: str
    metrics: tuple
    areas: tuple
    years: tuple
    replications: tuple
    units: dict
    descriptions: dict
    point: int = 0          # the sweep point these runs belong to
    point_label: str = ""   # its assignments, e.g. "parameters.hospital.beds_per_1000=2"
    # metric -> (aggregation, numerator, denominator, scale), as hcsim totals it
    aggregations: dict = field(default_factory=dict)
    # behind metrics with aggregation "life_table"; None when the file has none
    life_table: LifeTableCounts = None
    returns: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=_RETURN_COLUMNS))
    return_metrics: tuple = ()   # intervention by intervention, fields in file order
    interventions: tuple = ()

    def values(self, metric):
        """The metric as an array [replication, area, year], in file order."""
        rows = self.measures[self.measures.metric == metric]
        shape = (len(self.replications), len(self.areas), len(self.years))
        return rows["value"].to_numpy().reshape(shape)

    def return_values(self, metric):
        """An intervention-return metric as an array [replication], in file order."""
        return self.returns.loc[self.returns.metric == metric, "value"].to_numpy()


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _texts(values):
    return tuple(_text(v) for v in values)


def _check_format(path, handle):
    found_format = handle.attrs.get("format")
    if found_format is None:
        raise ResultsFileError(path, "not an hcsim results file (no 'format' attribute)")
    if _text(found_format) != RESULTS_FORMAT:
        raise ResultsFileError(
            path, f"not an hcsim results file (format is '{_text(found_format)}', "
                  f"expected '{RESULTS_FORMAT}')")
    version = handle.attrs.get("format_version")
    if version is None or int(version) not in RESULTS_FORMAT_VERSIONS:
        raise ResultsFileError(
            path, f"unsupported results format_version {version} "
                  f"(this reader understands {', '.join(map(str, RESULTS_FORMAT_VERSIONS))})")
    for name in _REQUIRED_ATTRIBUTES:
        if name not in handle.attrs:
            raise ResultsFileError(path, f"missing root attribute '{name}'")
    for name in _REQUIRED_DATASETS:
        if name not in handle:
            raise ResultsFileError(path, f"missing dataset '/{name}'")


def _read_measures(path, handle, metrics, areas, years, replications, runs):
    """runs: the indices (first axis of /measures) of the runs to read."""
    shape = (len(replications), len(areas), len(years))
    # Index columns repeat in C order to match the [replication, area, year] layout.
    replication_column = np.repeat(np.asarray(replications), len(areas) * len(years))
    area_column = np.tile(np.repeat(np.asarray(areas, dtype=object), len(years)), len(replications))
    year_column = np.tile(np.asarray(years), len(replications) * len(areas))
    frames, units, descriptions, aggregations, sexes = [], {}, {}, {}, {}
    for metric in metrics:
        name = f"measures/{metric}"
        if name not in handle:
            raise ResultsFileError(path, f"metric '{metric}' is listed in /dimensions/metric "
                                         f"but /{name} is missing")
        dataset = handle[name]
        if len(dataset.shape) != 3 or dataset.shape[1:] != shape[1:]:
            raise ResultsFileError(path, f"/{name} has shape {dataset.shape}, expected "
                                         f"(runs, {shape[1]}, {shape[2]}) (run, area, year)")
        data = np.asarray(dataset[()], dtype=float)[list(runs)]
        units[metric] = _text(dataset.attrs.get("units", ""))
        descriptions[metric] = _text(dataset.attrs.get("description", ""))
        # How hcsim adds the metric up over areas and years (sum when absent).
        aggregations[metric] = (_text(dataset.attrs.get("aggregation", "sum")),
                                _text(dataset.attrs.get("numerator", "")),
                                _text(dataset.attrs.get("denominator", "")),
                                float(dataset.attrs.get("scale", 1.0)))
        if "sex" in dataset.attrs:
            sexes[metric] = 1 if _text(dataset.attrs["sex"]) == "female" else 0
        frames.append(pd.DataFrame({
            "metric": metric,
            "replication": replication_column,
            "area": area_column,
            "year": year_column,
            "value": data.ravel(),
            "units": units[metric],
        }))
    columns = ["metric", "replication", "area", "year", "value", "units"]
    measures = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    return measures, units, descriptions, aggregations, sexes


def _read_returns(path, handle, replications, runs, run_count):
    """The intervention returns of the runs read: (table, metric names, interventions, units,
    descriptions); an empty table when the file has none (no interventions, or a scenario
    with intervention_returns: false)."""
    if "intervention_returns" not in handle:
        return pd.DataFrame(columns=_RETURN_COLUMNS), (), (), {}, {}
    dataset = handle["intervention_returns"]
    for name in ("interventions", "fields"):
        if name not in dataset.attrs:
            raise ResultsFileError(path, f"/intervention_returns has no '{name}' attribute")
    interventions = tuple(_text(dataset.attrs["interventions"]).split(","))
    fields = tuple(_text(dataset.attrs["fields"]).split(","))
    expected = (run_count, len(interventions), len(fields))
    if dataset.shape != expected:
        raise ResultsFileError(path, f"/intervention_returns has shape {dataset.shape}, expected "
                                     f"{expected} (run, intervention, field)")
    if "field_units" in dataset.attrs:
        field_units = tuple(_text(dataset.attrs["field_units"]).split(";"))
        if len(field_units) != len(fields):
            raise ResultsFileError(path, f"/intervention_returns has {len(field_units)} "
                                         f"field_units for {len(fields)} fields")
    else:
        field_units = tuple(return_units(field) for field in fields)
    data = np.asarray(dataset[()], dtype=float)[list(runs)]  # [replication, intervention, field]
    frames, metrics, units, descriptions = [], [], {}, {}
    for i, intervention in enumerate(interventions):
        for f, field_name in enumerate(fields):
            metric = return_metric_name(field_name, intervention)
            metrics.append(metric)
            units[metric] = field_units[f]
            descriptions[metric] = return_description(field_name, intervention)
            frames.append(pd.DataFrame({
                "metric": metric, "intervention": intervention, "field": field_name,
                "replication": list(replications), "value": data[:, i, f],
                "units": units[metric]}))
    returns = (pd.concat(frames, ignore_index=True) if frames
               else pd.DataFrame(columns=_RETURN_COLUMNS))
    return returns, tuple(metrics), interventions, units, descriptions


def _read_life_table(path, handle, sexes, runs):
    """The counts of the runs read, or None when no metric needs them."""
    if not sexes:
        return None
    if "life_table/deaths" not in handle or "life_table/exposure" not in handle:
        raise ResultsFileError(path, "has life-table metrics but no /life_table/deaths and "
                                     "/life_table/exposure")
    deaths = np.asarray(handle["life_table/deaths"][()], dtype=float)[list(runs)]
    exposure = np.asarray(handle["life_table/exposure"][()], dtype=float)[list(runs)]
    return LifeTableCounts(deaths=deaths, exposure=exposure, sex_of=dict(sexes))


def _read_summary(handle, units, point):
    summary = pd.DataFrame({
        "metric": _texts(handle["summary/metric"][()]),
        "mean": handle["summary/mean"][()],
        "sd": handle["summary/sd"][()],
        "ci95_low": handle["summary/ci95_low"][()],
        "ci95_high": handle["summary/ci95_high"][()],
    })
    if "summary/point" in handle:
        summary = summary[handle["summary/point"][()] == point].reset_index(drop=True)
    summary["units"] = [units.get(metric, "") for metric in summary["metric"]]
    return summary


def point_count(path):
    """How many sweep points a results file holds (1 without a sweep)."""
    with h5py.File(os.fspath(path), "r") as handle:
        return int(handle.attrs.get("points", 1))


def load_points(path):
    """Every sweep point of a results file, each as its own Results."""
    first = load_results(path, 0)
    count = point_count(path)
    return [first] + [load_results(path, p) for p in range(1, count)]


def load_results(path, point=0):
    """Read and check one results file (the runs of one sweep point); raises
    ResultsFileError naming the file."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise ResultsFileError(path, "no such file")
    try:
        handle = h5py.File(path, "r")
    except OSError as error:
        raise ResultsFileError(path, f"not a readable HDF5 file ({error})") from None
    with handle:
        _check_format(path, handle)
        try:
            attrs = handle.attrs
            attributes = RunAttributes(
                scenario=_text(attrs["scenario"]),
                seed=int(attrs["seed"]),
                replications=int(attrs["replications"]),
                hcsim_version=_text(attrs["hcsim_version"]),
                horizon_years=float(attrs["horizon_years"]),
                warmup_days=float(attrs["warmup_days"]),
                population_scale=float(attrs["population_scale"]),
            )
            metrics = _texts(handle["dimensions/metric"][()])
            areas = _texts(handle["dimensions/area"][()])
            years = tuple(int(y) for y in handle["dimensions/year"][()])
            points = int(attrs.get("points", 1))
            if not 0 <= point < points:
                raise ResultsFileError(path, f"has {points} sweep point(s); no point {point}")
            if "runs/point" in handle:
                run_point = handle["runs/point"][()]
                run_count = len(run_point)
                runs = [int(i) for i in np.flatnonzero(run_point == point)]
                replications = tuple(int(r) for r in handle["runs/replication"][()][runs])
            else:
                replications = tuple(int(r) for r in handle["dimensions/replication"][()])
                run_count = len(replications)
                runs = list(range(len(replications)))
            measures, units, descriptions, aggregations, sexes = _read_measures(
                path, handle, metrics, areas, years, replications, runs)
            life_table = _read_life_table(path, handle, sexes, runs)
            returns, return_metrics, interventions, return_units_of, return_descriptions = (
                _read_returns(path, handle, replications, runs, run_count))
            units.update(return_units_of)
            descriptions.update(return_descriptions)
            summary = _read_summary(handle, units, point)
            point_label = ""
            if "points/label" in handle:
                point_label = _texts(handle["points/label"][()])[point]
                scenario_yaml = _texts(handle["points/scenario_yaml"][()])[point]
            else:
                scenario_yaml = _text(handle["manifest/scenario_yaml"][()])
        except (KeyError, OSError, TypeError, ValueError) as error:
            if isinstance(error, ResultsFileError):
                raise
            raise ResultsFileError(path, f"damaged results file ({error})") from None
    return Results(path=path, attributes=attributes, measures=measures, summary=summary,
                   scenario_yaml=scenario_yaml, metrics=metrics, areas=areas, years=years,
                   replications=replications, units=units, descriptions=descriptions,
                   point=point, point_label=point_label, aggregations=aggregations,
                   life_table=life_table, returns=returns, return_metrics=return_metrics,
                   interventions=interventions)
