#!/usr/bin/env python3
"""Read an hcsim results file into tidy pandas tables, with plain h5py.

Usage: python3 read_results.py results.h5

The layout is in docs/results-format.md. In format_version 2 the first axis
of every /measures/<metric> is the run, not the replication: a scenario with
a sweep has P points of R replications each, N = P x R runs in point-major
order, and /runs/point and /runs/replication say which point and replication
each run is; /points/label says what each point sets. Without a sweep P = 1
and run r is replication r. A format_version 1 file has no /runs/point,
/points or /summary/point: its runs are the replications of
/dimensions/replication, all of one point.
"""
import sys

import h5py
import numpy as np
import pandas as pd


def text(values):
    return [v.decode() if isinstance(v, bytes) else v for v in values]


def runs(f):
    """Each run's sweep point and replication, indexed by run (the first axis of /measures)."""
    if "runs/point" in f:
        point, replication = f["runs/point"][()], f["runs/replication"][()]
    else:  # format_version 1: one point, runs are replications
        replication = f["dimensions/replication"][()]
        point = np.zeros_like(replication)
    return pd.DataFrame({"point": point, "replication": replication})


def point_labels(f):
    """Each sweep point's assignments, e.g. "parameters.hospital.beds_per_1000=1.6"
    ("" without a sweep)."""
    return text(f["points/label"][()]) if "points/label" in f else [""]


def tidy_measures(path):
    """One row per (metric, run, area, year) with the run's point and replication, the value
    and units."""
    frames = []
    with h5py.File(path, "r") as f:
        run_table = runs(f)
        areas = np.asarray(text(f["dimensions/area"][()]), dtype=object)
        years = f["dimensions/year"][()]
        for metric, dataset in f["measures"].items():
            values = dataset[()]  # (runs, areas, years)
            cells = len(areas) * len(years)
            frames.append(pd.DataFrame({
                "metric": metric,
                "run": np.repeat(run_table.index.to_numpy(), cells),
                "point": np.repeat(run_table.point.to_numpy(), cells),
                "replication": np.repeat(run_table.replication.to_numpy(), cells),
                "area": np.tile(np.repeat(areas, len(years)), len(run_table)),
                "year": np.tile(years, len(run_table) * len(areas)),
                "value": values.ravel(),
                "units": dataset.attrs["units"],
            }))
    return pd.concat(frames, ignore_index=True)


def admissions_per_1000_by_age_band(path):
    """Emergency admissions per 1,000 person-years by age band (rows) and sweep point
    (columns), over each point's runs, all areas and years: the ratio of the banded
    numerator and denominator."""
    with h5py.File(path, "r") as f:
        if "measures_by_age_band" not in f:
            return None  # written before measures by age band
        bands = text(f["dimensions/age_band"][()])
        point_of_run = runs(f).point.to_numpy()
        m = f["measures_by_age_band"]  # each (runs, areas, years, bands)
        admissions = m["emergency_admissions"][()].sum(axis=(1, 2))  # (runs, bands)
        person_years = m["person_years"][()].sum(axis=(1, 2))
    return pd.DataFrame({
        point: 1000 * admissions[point_of_run == point].sum(axis=0)
        / person_years[point_of_run == point].sum(axis=0)
        for point in np.unique(point_of_run)}, index=bands).rename_axis(columns="point")


def summary(path):
    """The file's /summary: over each point's replications, of each metric's total over areas
    and years; one row per point and metric, with the point's label."""
    with h5py.File(path, "r") as f:
        metrics = text(f["summary/metric"][()])
        point = f["summary/point"][()] if "summary/point" in f else np.zeros(len(metrics), int)
        labels = point_labels(f)
        return pd.DataFrame({
            "point": point,
            "label": [labels[p] for p in point],
            "metric": metrics,
            "mean": f["summary/mean"][()],
            "ci95_low": f["summary/ci95_low"][()],
            "ci95_high": f["summary/ci95_high"][()],
        })


def intervention_returns(path):
    """Each intervention's return per run, tidy, or None when the file has none. hcsim
    writes them per run (not per area and year) in /intervention_returns [run,
    intervention, field]; a value is named <field>_<intervention> as in hcsim's tables,
    except the field cost, named intervention_cost_<intervention>. roi is NaN where the
    intervention cost nothing."""
    with h5py.File(path, "r") as f:
        if "intervention_returns" not in f:
            return None
        dataset = f["intervention_returns"]
        interventions = text([dataset.attrs["interventions"]])[0].split(",")
        fields = text([dataset.attrs["fields"]])[0].split(",")
        values = dataset[()]
        run_table = runs(f)
    rows = []
    for run, point, replication in run_table.itertuples():
        for i, intervention in enumerate(interventions):
            for k, field in enumerate(fields):
                name = "intervention_cost" if field == "cost" else field
                rows.append((f"{name}_{intervention}", intervention, field, run, point,
                             replication, values[run, i, k]))
    return pd.DataFrame(rows, columns=["metric", "intervention", "field", "run", "point",
                                       "replication", "value"])


if __name__ == "__main__":
    path = sys.argv[1]
    with h5py.File(path, "r") as f:
        run_table = runs(f)
        print(f"scenario {f.attrs['scenario']}, seed {f.attrs['seed']}, "
              f"{f.attrs['replications']} replications at each of "
              f"{run_table.point.nunique()} point(s) ({len(run_table)} runs), "
              f"hcsim {f.attrs['hcsim_version']}")
    table = summary(path)
    for (point, label), rows in table.groupby(["point", "label"], sort=True):
        print(f"\npoint {point}" + (f": {label}" if label else ""))
        print(rows[["metric", "mean", "ci95_low", "ci95_high"]].to_string(index=False))
    measures = tidy_measures(path)
    per_area = (measures[measures.metric == "emergency_admissions"]
                .groupby(["point", "area", "replication"])["value"].sum()  # over years
                .groupby(["point", "area"]).mean()                         # over replications
                .unstack("point"))
    print("\nemergency admissions per area, all measured years, mean over replications "
          "(columns: points):")
    print(per_area.round(1).to_string())
    by_band = admissions_per_1000_by_age_band(path)
    if by_band is not None:
        print("\nemergency admissions per 1,000 person-years by age band (columns: points):")
        print(by_band.round(1).to_string())
    returns = intervention_returns(path)
    if returns is not None:
        roi = (returns[returns.field == "roi"].groupby(["point", "metric"], sort=False)["value"]
               .mean().unstack("point"))
        print("\nreturn on investment per intervention, mean over replications "
              "(NaN: it cost nothing; columns: points):")
        print(roi.round(3).to_string())
