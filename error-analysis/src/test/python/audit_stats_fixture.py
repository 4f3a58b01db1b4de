#!/usr/bin/python3
"""Writes src/test/resources/stats/audit_stats_fixture.json: the peer values of the data audit's statistics.

Run from the module folder (error-analysis) with the system Python (SciPy 1.10, statsmodels 0.13):

    /usr/bin/python3 src/test/python/audit_stats_fixture.py

- fisher: 2x2 tables [[a, b], [c, d]] with SciPy's fisher_exact(table, alternative="less") and two-sided p-values,
  and the exact one-sided value from integer arithmetic (math.comb, fractions), correctly rounded; for tables of
  millions of examples the reference is mpmath at 60 digits instead and the two-sided value is left out (null);
- benjaminiHochberg: p-value lists with statsmodels' multipletests(p, method="fdr_bh")[1];
- newcombe: statsmodels' confint_proportions_2indep(s1, n1, s2, n2, compare="diff", method="newcomb", alpha);
- wilson: statsmodels' proportion_confint(k, n, alpha, method="wilson");
- scoreEffect: (suspected correct, suspected, rest correct, rest) with the effect's values computed here from the
  peers (Wilson, Newcombe scaled by the suspected share, Fisher two-sided).
"""
import json
import math
import os
import sys
from fractions import Fraction

import mpmath as mp

import numpy as np
import scipy
import statsmodels
from scipy.stats import fisher_exact
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "stats", "audit_stats_fixture.json")


def mp_less(a, b, c, d):
    """P(X <= a) from mpmath at 60 digits: one weight by log-gamma, the tail summed by the weights' ratios."""
    mp.mp.dps = 60
    row1, row2, col1 = a + b, c + d, a + c
    n = row1 + row2
    lo, hi = max(0, col1 - row2), min(col1, row1)
    mode = (row1 + 1) * (col1 + 1) // (n + 2)

    def logw(x):
        return (mp.loggamma(row1 + 1) - mp.loggamma(x + 1) - mp.loggamma(row1 - x + 1) + mp.loggamma(row2 + 1)
                - mp.loggamma(col1 - x + 1) - mp.loggamma(row2 - col1 + x + 1) - mp.loggamma(n + 1)
                + mp.loggamma(col1 + 1) + mp.loggamma(n - col1 + 1))

    def ratio(x):  # w(x + 1) / w(x)
        return mp.mpf((row1 - x) * (col1 - x)) / ((x + 1) * (row2 - col1 + x + 1))

    if a < mode:  # the lower tail, summed downwards from a
        term = mp.exp(logw(a))
        total, x = term, a
        while x > lo and term > total * mp.mpf(10) ** -40:
            term /= ratio(x - 1)
            total += term
            x -= 1
        return float(total)
    term = mp.exp(logw(a + 1)) if a < hi else mp.mpf(0)  # the upper tail, summed upwards from a + 1
    total, x = term, a + 1
    while x < hi and term > total * mp.mpf(10) ** -40:
        term *= ratio(x)
        total += term
        x += 1
    return float(1 - total)


def exact_less(a, b, c, d):
    row1, row2, col1 = a + b, c + d, a + c
    if 0 in (row1, row2, col1, b + d):
        return 1.0
    lo = max(0, col1 - row2)
    num = sum(math.comb(row1, x) * math.comb(row2, col1 - x) for x in range(lo, a + 1))
    return float(Fraction(num, math.comb(row1 + row2, col1)))


TABLES = [
    # small and textbook tables
    (3, 1, 1, 3), (1, 3, 3, 1), (0, 5, 5, 0), (5, 0, 0, 5), (0, 0, 3, 4), (2, 3, 0, 0), (0, 3, 0, 4), (3, 0, 4, 0),
    (0, 1, 0, 1), (1, 0, 0, 1), (0, 1, 1, 0), (1, 1, 1, 1), (0, 10, 10, 0), (10, 0, 0, 10), (2, 7, 8, 2),
    (0, 25, 40, 10), (25, 0, 10, 40), (1, 24, 30, 20), (12, 13, 12, 13),
    # slice-like tables: a slice of 25 to 400 against a rest of 160 to 9,600
    (8, 32, 128, 32), (24, 36, 104, 36), (30, 30, 130, 30), (20, 5, 4000, 1000), (17, 8, 7000, 2975),
    (200, 200, 7000, 2600), (280, 120, 6720, 2880), (100, 300, 7500, 2100), (0, 400, 9600, 0), (400, 0, 0, 9600),
    (5, 20, 7900, 2075), (0, 25, 8000, 1975), (25, 0, 8000, 1975), (1, 0, 0, 9999), (0, 1, 9999, 0),
    (4990, 10, 4000, 1000), (3, 997, 9000, 0), (60, 40, 6000, 3900), (700, 300, 6300, 2700), (650, 350, 6350, 2650),
    # far tails: p down to about 1e-250 and the lower end of the support
    (0, 300, 5000, 4700), (10, 990, 5000, 4000), (100, 900, 7000, 2000), (1000, 3000, 5000, 1000),
    (2, 98, 98, 2), (50, 950, 950, 50), (0, 2000, 2000, 6000),
]

# large tables (a slice of 1,000 in a million examples; half of ten million), referenced by mpmath at 60 digits
LARGE = [
    (600, 400, 699400, 299600), (690, 310, 699310, 299690), (700, 300, 699300, 299700), (720, 280, 699280, 299720),
    (2475000, 2525000, 2525000, 2475000), (2498000, 2502000, 2502000, 2498000), (2500100, 2499900, 2499900, 2500100),
]


def fisher_rows():
    rows = []
    for a, b, c, d in TABLES:
        table = [[a, b], [c, d]]
        less = fisher_exact(table, alternative="less")[1]
        two = fisher_exact(table, alternative="two-sided")[1]
        rows.append({"table": table, "less": float(less), "twoSided": float(two), "exactLess": exact_less(a, b, c, d),
                     "reference": "exact integers"})
    for a, b, c, d in LARGE:
        table = [[a, b], [c, d]]
        less = fisher_exact(table, alternative="less")[1]
        rows.append({"table": table, "less": float(less), "twoSided": None, "exactLess": mp_less(a, b, c, d),
                     "reference": "mpmath, 60 digits"})
    return rows


def bh_rows():
    rng = np.random.default_rng(18)
    lists = [
        [0.01],
        [1.0],
        [0.0],
        [0.01, 0.04, 0.03, 0.005, 0.2],
        [0.05, 0.05, 0.05, 0.05],                 # all tied
        [0.001, 0.02, 0.02, 0.02, 0.9, 1.0, 1.0],  # ties in the middle and at 1
        [1.0, 1.0, 1.0],
        [0.0, 0.0, 0.5, 1.0],
        [0.04, 0.03, 0.02, 0.01],                 # descending
        [1e-300, 1e-10, 0.3, 0.3, 0.7],
        [0.2, 0.1, 0.4, 0.3, 0.5, 0.6, 0.8, 0.7, 0.9],
        list(rng.uniform(size=200)),
        list(np.concatenate([rng.uniform(0, 1e-4, size=20), rng.uniform(size=80)])),
        list(np.round(rng.uniform(size=60), 2)),  # many ties
    ]
    rows = []
    for p in lists:
        q = multipletests(np.array(p, dtype=float), method="fdr_bh")[1]
        rows.append({"p": [float(x) for x in p], "q": [float(x) for x in q]})
    return rows


NEWCOMBE = [
    # s1, n1, s2, n2, level
    (8, 40, 128, 160, 0.95), (0, 10, 5, 10, 0.95), (10, 10, 0, 10, 0.95), (0, 1, 1, 1, 0.95), (1, 1, 0, 1, 0.95),
    (1, 1, 1, 1, 0.95), (0, 5, 0, 5, 0.95), (5, 5, 5, 5, 0.95), (47, 47, 3417, 4953, 0.95), (1, 3, 700, 1000, 0.9),
    (30, 60, 130, 160, 0.99), (56, 70, 48, 80, 0.95), (9, 10, 3, 10, 0.95), (6, 7, 2, 7, 0.95), (5, 56, 0, 29, 0.95),
    (0, 100, 0, 9900, 0.95), (100, 100, 9900, 9900, 0.95), (1, 2, 9999, 10000, 0.95), (2500, 5000, 2500, 5000, 0.95),
    (286, 325, 6500, 9675, 0.95), (7, 25, 12, 25, 0.8),
]

WILSON = [
    (0, 1, 0.95), (1, 1, 0.95), (0, 10, 0.95), (10, 10, 0.95), (1, 10, 0.95), (81, 263, 0.95), (15, 148, 0.95),
    (5, 25, 0.9), (8, 40, 0.95), (128, 160, 0.99), (4997, 5000, 0.95), (3, 10000, 0.95), (1, 2, 0.5), (2, 3, 0.999),
]

SCORE = [
    # suspected correct, suspected, rest correct, rest
    (47, 47, 3417, 4953), (20, 25, 3500, 4975), (0, 3, 70, 97), (1, 1, 0, 1), (5, 10, 5, 10), (3, 10, 9, 10),
    (286, 300, 6500, 9700), (1, 2, 1, 2),
]


def score_rows():
    rows = []
    for cs, s, cr, r in SCORE:
        n = s + r
        level = 0.95
        alpha = 1 - level
        lo_all, up_all = proportion_confint(cs + cr, n, alpha=alpha, method="wilson")
        lo_s, up_s = proportion_confint(cs, s, alpha=alpha, method="wilson")
        lo_r, up_r = proportion_confint(cr, r, alpha=alpha, method="wilson")
        d_lo, d_up = confint_proportions_2indep(cs, s, cr, r, compare="diff", method="newcomb", alpha=alpha)
        share = s / n
        diff = cs / s - cr / r
        p = fisher_exact([[cs, s - cs], [cr, r - cr]])[1]
        rows.append({"suspectedCorrect": cs, "suspected": s, "restCorrect": cr, "rest": r,
                     "accuracy": (cs + cr) / n, "accuracyInterval": [float(lo_all), float(up_all)],
                     "suspectedAccuracyInterval": [float(lo_s), float(up_s)],
                     "restAccuracyInterval": [float(lo_r), float(up_r)],
                     "inflation": share * diff, "inflationDifferenceOfAccuracies": (cs + cr) / n - cr / r,
                     "inflationInterval": [float(share * d_lo), float(share * d_up)], "pValue": float(p)})
    return rows


def main():
    doc = {
        "made by": "src/test/python/audit_stats_fixture.py with Python %s, SciPy %s, statsmodels %s, NumPy %s"
                   % (sys.version.split()[0], scipy.__version__, statsmodels.__version__, np.__version__),
        "fisher": fisher_rows(),
        "benjaminiHochberg": bh_rows(),
        "newcombe": [dict(zip(["s1", "n1", "s2", "n2", "level"], row), interval=[float(x) for x in
                          confint_proportions_2indep(row[0], row[1], row[2], row[3], compare="diff", method="newcomb",
                                                     alpha=1 - row[4])]) for row in NEWCOMBE],
        "wilson": [{"successes": k, "trials": n, "level": lv,
                    "interval": [float(x) for x in proportion_confint(k, n, alpha=1 - lv, method="wilson")]}
                   for k, n, lv in WILSON],
        "scoreEffect": score_rows(),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
