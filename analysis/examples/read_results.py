#!/usr/bin/env python3
"""Read an hcsim results file into a tidy pandas table, with plain h5py.

Usage: python3 read_results.py results.h5
"""
import sys

import h5py
import pandas as pd


def text(values):
    return [v.decode() if isinstance(v, bytes) else v for v in values]


def tidy_measures(path):
    """One row per (metric, replication, area, year) with its value and units."""
    rows = []
    with h5py.File(path, "r") as f:
        areas = text(f["dimensions/area"][()])
        years = f["dimensions/year"][()]
        for metric, dataset in f["measures"].items():
            units = dataset.attrs["units"]
            values = dataset[()]  # shape (replications, areas, years)
            for r in range(values.shape[0]):
                for a, area in enumerate(areas):
                    for y, year in enumerate(years):
                        rows.append((metric, r, area, int(year), float(values[r, a, y]), units))
    return pd.DataFrame(rows, columns=["metric", "replication", "area", "year", "value", "units"])


def admissions_per_1000_by_age_band(path):
    """Emergency admissions per 1,000 person-years by age band, over all runs,
    areas and years; the ratio of the banded numerator and denominator."""
    with h5py.File(path, "r") as f:
        if "measures_by_age_band" not in f:
            return None  # written before measures by age band
        bands = text(f["dimensions/age_band"][()])
        m = f["measures_by_age_band"]  # each (runs, areas, years, bands)
        admissions = m["emergency_admissions"][()].sum(axis=(0, 1, 2))
        person_years = m["person_years"][()].sum(axis=(0, 1, 2))
    return pd.Series(1000 * admissions / person_years, index=bands)


def summary(path):
    with h5py.File(path, "r") as f:
        return pd.DataFrame({
            "metric": text(f["summary/metric"][()]),
            "mean": f["summary/mean"][()],
            "ci95_low": f["summary/ci95_low"][()],
            "ci95_high": f["summary/ci95_high"][()],
        })


if __name__ == "__main__":
    path = sys.argv[1]
    with h5py.File(path, "r") as f:
        print(f"scenario {f.attrs['scenario']}, seed {f.attrs['seed']}, "
              f"{f.attrs['replications']} replications, hcsim {f.attrs['hcsim_version']}")
    print(summary(path).to_string(index=False))
    measures = tidy_measures(path)
    per_area = (measures[measures.metric == "emergency_admissions"]
                .groupby("area")["value"].mean().sort_values(ascending=False))
    print("\nmean emergency admissions per area (all years):")
    print(per_area.to_string())
    by_band = admissions_per_1000_by_age_band(path)
    if by_band is not None:
        print("\nemergency admissions per 1,000 person-years by age band:")
        print(by_band.round(1).to_string())
