"""Student's t distribution: the CDF and its inverse, without scipy.

Confidence intervals over replications need t quantiles for any degrees of
freedom, including the non-integer ones of a Welch comparison, so a lookup
table is not enough. The CDF comes from the regularized incomplete beta
function (continued fraction, Numerical Recipes 6.4) and the quantile
inverts it by bisection, which is slow by numerical standards (~100 CDF
calls) but exact to double precision and needs no starting guess.
"""
import math

_CONTINUED_FRACTION_EPSILON = 1e-16
_CONTINUED_FRACTION_MAX_TERMS = 10_000
_TINY = 1e-300


def _incomplete_beta_continued_fraction(a, b, x):
    """Lentz's evaluation of the continued fraction for I_x(a, b)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, _CONTINUED_FRACTION_MAX_TERMS + 1):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _CONTINUED_FRACTION_EPSILON:
            return h
    raise ArithmeticError(f"incomplete beta did not converge for a={a}, b={b}, x={x}")


def regularized_incomplete_beta(a, b, x):
    """I_x(a, b) for a, b > 0 and 0 <= x <= 1."""
    if not (a > 0 and b > 0):
        raise ValueError(f"incomplete beta needs a, b > 0, got a={a}, b={b}")
    if not 0.0 <= x <= 1.0:
        raise ValueError(f"incomplete beta needs 0 <= x <= 1, got {x}")
    if x == 0.0 or x == 1.0:
        return x
    log_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                 + a * math.log(x) + b * math.log1p(-x))
    front = math.exp(log_front)
    # The continued fraction converges fast only below this point; above it
    # use the symmetry I_x(a, b) = 1 - I_{1-x}(b, a).
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _incomplete_beta_continued_fraction(a, b, x) / a
    return 1.0 - front * _incomplete_beta_continued_fraction(b, a, 1.0 - x) / b


def _normal_cdf(z):
    return 0.5 * math.erfc(-z / math.sqrt(2.0))


def student_t_cdf(t, degrees_of_freedom):
    """P(T <= t) for T ~ Student t with the given (real, > 0) degrees of freedom."""
    if math.isinf(degrees_of_freedom):
        return _normal_cdf(t)
    if not degrees_of_freedom > 0:
        raise ValueError(f"degrees of freedom must be > 0, got {degrees_of_freedom}")
    if t == 0.0:
        return 0.5
    x = degrees_of_freedom / (degrees_of_freedom + t * t)
    tail = 0.5 * regularized_incomplete_beta(degrees_of_freedom / 2.0, 0.5, x)
    return 1.0 - tail if t > 0 else tail


def student_t_quantile(probability, degrees_of_freedom):
    """The t with P(T <= t) = probability; math.inf degrees of freedom gives the normal quantile."""
    if not 0.0 < probability < 1.0:
        raise ValueError(f"probability must be in (0, 1), got {probability}")
    if probability == 0.5:
        return 0.0
    if probability < 0.5:
        return -student_t_quantile(1.0 - probability, degrees_of_freedom)
    upper = 1.0
    while student_t_cdf(upper, degrees_of_freedom) < probability:
        upper *= 2.0
    lower = 0.0
    # Bisect until the bracket stops shrinking in floating point.
    while True:
        middle = 0.5 * (lower + upper)
        if middle <= lower or middle >= upper:
            return middle
        if student_t_cdf(middle, degrees_of_freedom) < probability:
            lower = middle
        else:
            upper = middle


def t_critical_95(degrees_of_freedom):
    """The two-sided 95% critical value, t(0.975, df)."""
    return student_t_quantile(0.975, degrees_of_freedom)
