"""Reading hcsim results files, statistics over replications, and the HTML report.

Modules: results (load and check a file), student_t (t quantiles without
scipy), statistics (CIs and paired comparisons), plots, html_page,
formatting, report (the `report` command); run `python3 -m hcsim_analysis`.
"""
from .results import Results, ResultsFileError, RunAttributes, load_points, load_results
from .statistics import (ComparisonError, mean_with_ci95, metric_summary, paired_comparison,
                         replication_totals, return_summary, yearly_summary)
from .student_t import student_t_cdf, student_t_quantile, t_critical_95

__all__ = [
    "ComparisonError", "Results", "ResultsFileError", "RunAttributes", "load_points", "load_results",
    "mean_with_ci95", "metric_summary", "paired_comparison", "replication_totals",
    "return_summary", "student_t_cdf", "student_t_quantile", "t_critical_95", "yearly_summary",
]
