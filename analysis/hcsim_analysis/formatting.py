"""How numbers appear in the report, in one place so tables and tests agree.

One decimal with thousands separators reads well for both counts of
admissions in the hundreds and costs in the millions, and matches the
precision of hcsim's own console summary. A value that does not exist
(a CI from one replication is NaN) shows as an en dash, not as "nan".
"""
import math

MISSING = "\u2013"


def format_value(value):
    if value is None or math.isnan(value):
        return MISSING
    return f"{value:,.1f}"


def format_difference(value):
    """A signed value, so a reduction is visibly negative and an increase visibly positive."""
    if value is None or math.isnan(value):
        return MISSING
    # A difference that rounds to zero has no direction: -0.00001 and
    # +0.00001 (rounding noise in a paired difference of equal runs) both
    # show as +0.0.
    if round(value, 1) == 0.0:
        value = 0.0
    return f"{value:+,.1f}"


def format_interval(low, high, signed=False):
    formatter = format_difference if signed else format_value
    if low is None or high is None or math.isnan(low) or math.isnan(high):
        return MISSING
    return f"[{formatter(low)}, {formatter(high)}]"
