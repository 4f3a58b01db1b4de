#!/usr/bin/env python3
"""Makes scipy_fixtures.json, the peer values for the io.github.erroranalysis.stats tests.

Run from this folder:  python3 make_scipy_fixtures.py   (SciPy >= 1.7; made with the version in the file)

- normalQuantiles: scipy.special.ndtri(p)
- wilson: scipy.stats.binomtest(k, n).proportion_ci(level, method='wilson'), cross-checked with Wilson's
  formula and scipy.stats.norm.ppf
- mcnemar: scipy.stats.binomtest(b, b + c, 0.5).pvalue (two-sided), cross-checked with exact rational arithmetic
- fisher: the two-sided Fisher exact p-value in exact rational arithmetic (tables no more likely than the
  observed one, ties exact), cross-checked with scipy.stats.fisher_exact(table).pvalue; the exact value is the
  fixture because SciPy's tie tolerance (1e-14) can drop a mirror table on rounding noise
"""
import json
import math
from fractions import Fraction

import scipy
from scipy import special, stats


def wilson_formula(k, n, level):
    z = stats.norm.ppf(0.5 + level / 2)
    p = k / n
    d = 1 + z * z / n
    center = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return center - half, center + half


def mcnemar_exact(b, c):
    n = b + c
    if n == 0 or b == c:
        return 1.0
    m = min(b, c)
    tail = Fraction(sum(math.comb(n, k) for k in range(m + 1)), 2 ** n)
    return float(min(Fraction(1), 2 * tail))


def fisher_exact_rational(a, b, c, d):
    row1, row2, col1 = a + b, c + d, a + c
    if row1 == 0 or row2 == 0 or col1 == 0 or b + d == 0:
        return 1.0
    lo, hi = max(0, col1 - row2), min(col1, row1)
    weights = {x: math.comb(row1, x) * math.comb(row2, col1 - x) for x in range(lo, hi + 1)}
    observed = weights[a]
    extreme = sum(w for w in weights.values() if w <= observed)
    return float(Fraction(extreme, sum(weights.values())))


quantile_ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-6, 1e-3, 0.005, 0.02, 0.025, 0.05, 0.0749, 0.075, 0.1, 0.2, 0.3,
               0.4, 0.5, 0.6, 0.75, 0.9, 0.925, 0.95, 0.975, 0.99, 0.995, 0.999, 1 - 1e-6, 1 - 1e-10]
wilson_cases = [(81, 263, 0.95), (15, 148, 0.95), (0, 20, 0.95), (1, 29, 0.95), (20, 20, 0.95), (29, 29, 0.99),
                (580, 1000, 0.95), (650, 1000, 0.95), (1, 1, 0.95), (0, 1, 0.9), (3, 10, 0.5), (7, 10, 0.999),
                (8654, 10000, 0.95), (500, 1000, 0.8), (123456, 1000000, 0.95), (999, 1000, 0.95)]
mcnemar_cases = [(0, 0), (1, 0), (0, 5), (3, 3), (10, 3), (7, 15), (59, 37), (85, 120), (120, 85), (400, 460),
                 (1000, 900), (5, 60), (2, 200), (5000, 5210)]
fisher_cases = [(580, 420, 650, 350), (600, 400, 610, 390), (700, 300, 700, 300), (3, 1, 1, 3), (1, 9, 11, 3),
                (0, 10, 0, 12), (10, 0, 5, 5), (200, 800, 400, 600), (300, 700, 450, 550), (820, 180, 860, 140), (45, 55, 60, 40),
                (8, 2, 1, 5), (0, 5, 5, 0)]

out = {
    "generator": "make_scipy_fixtures.py",
    "scipy": scipy.__version__,
    "normalQuantiles": [{"p": p, "z": float(special.ndtri(p))} for p in quantile_ps],
    "wilson": [],
    "mcnemar": [],
    "fisher": [],
}
for k, n, level in wilson_cases:
    ci = stats.binomtest(k, n).proportion_ci(confidence_level=level, method="wilson")
    lo, hi = wilson_formula(k, n, level)
    assert abs(lo - ci.low) < 1e-12 and abs(hi - ci.high) < 1e-12, (k, n, level, lo, ci.low, hi, ci.high)
    out["wilson"].append({"successes": k, "trials": n, "level": level, "lower": float(ci.low), "upper": float(ci.high)})
for b, c in mcnemar_cases:
    p = 1.0 if b + c == 0 else float(stats.binomtest(b, b + c, 0.5).pvalue)
    exact = mcnemar_exact(b, c)
    assert abs(p - exact) <= 1e-12 * max(exact, 1e-300) + 1e-15, (b, c, p, exact)
    out["mcnemar"].append({"rightToWrong": b, "wrongToRight": c, "pValue": p})
for a, b, c, d in fisher_cases:
    exact = fisher_exact_rational(a, b, c, d)
    sp = float(stats.fisher_exact([[a, b], [c, d]]).pvalue)
    agree = abs(sp - exact) <= 1e-9 * exact
    out["fisher"].append({"table": [[a, b], [c, d]], "pValue": exact, "scipy": sp, "scipyAgrees": bool(agree)})

with open("scipy_fixtures.json", "w") as f:
    json.dump(out, f, indent=1)
print("wrote scipy_fixtures.json with SciPy", scipy.__version__)
for row in out["fisher"]:
    print("fisher", row["table"], row["pValue"], "scipy", row["scipy"], "agrees" if row["scipyAgrees"] else "DIFFERS")
