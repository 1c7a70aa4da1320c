#!/usr/bin/env python3
"""Independent expected figures for @warren/stats, computed with scipy / statsmodels / numpy (Debian's python3).

Run:  /usr/bin/python3 packages/stats/vectors/generate.py   (rewrites packages/stats/vectors/*.json)
The TypeScript never runs here: these figures come from different code (scipy's quad and distributions,
statsmodels' tests), so agreement to 1e-6 checks Warren's formulas, not a copy of them.
"""
import json
import os

import numpy as np
from scipy import integrate, optimize, stats
from statsmodels.regression.linear_model import OLS
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize, proportions_ztest

HERE = os.path.dirname(os.path.abspath(__file__))
QUAD = dict(epsabs=1e-13, epsrel=1e-11, limit=500)


def write(name, cases):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")


def sums(y, x=None, d=None):
    out = {"numberOfSamples": int(len(y)), "sum": float(np.sum(y)), "sumSquares": float(np.sum(y * y))}
    if x is not None:
        out.update(covariateSum=float(np.sum(x)), covariateSumSquares=float(np.sum(x * x)), covariateProductSum=float(np.sum(x * y)))
    if d is not None:
        out.update(denominatorSum=float(np.sum(d)), denominatorSumSquares=float(np.sum(d * d)), numeratorDenominatorSumProduct=float(np.sum(y * d)))
    return out


def relative_delta(mt, vt, nt, mc, vc, nc):
    """(mt - mc)/mc and its first-order delta-method variance (independent groups)."""
    return (mt - mc) / mc, vt / (nt * mc**2) + mt**2 * vc / (nc * mc**4)


def proportions():
    cases = []
    for nc, sc, nt, st in [(1000, 100, 1000, 130), (5000, 500, 5000, 650), (2400, 312, 2600, 301), (120, 9, 135, 17), (80000, 2400, 79000, 2500)]:
        z, p = proportions_ztest([st, sc], [nt, nc])
        pc, pt = sc / nc, st / nt
        rel, var = relative_delta(pt, pt * (1 - pt), nt, pc, pc * (1 - pc), nc)
        ci = {str(level): [rel - stats.norm.ppf(1 - (1 - level) / 2) * np.sqrt(var), rel + stats.norm.ppf(1 - (1 - level) / 2) * np.sqrt(var)] for level in (0.9, 0.95, 0.99)}
        cases.append({"control": {"n": nc, "successes": sc}, "variant": {"n": nt, "successes": st}, "z": z, "p_value": p, "relative": rel, "relative_variance": var, "confidence_intervals": ci})
    return cases


def welch():
    rng = np.random.default_rng(7)
    cases = []
    for nc, nt, mc, mt, sc, st in [(60, 75, 10.0, 11.0, 3.0, 4.0), (500, 480, 52.0, 54.5, 30.0, 35.0), (2000, 2100, 3.1, 3.0, 1.5, 1.4)]:
        yc, yt = rng.normal(mc, sc, nc), rng.normal(mt, st, nt)
        res = stats.ttest_ind(yt, yc, equal_var=False)
        vc, vt = np.var(yc, ddof=1), np.var(yt, ddof=1)
        df = (vc / nc + vt / nt) ** 2 / ((vc / nc) ** 2 / (nc - 1) + (vt / nt) ** 2 / (nt - 1))
        rel, var = relative_delta(yt.mean(), vt, nt, yc.mean(), vc, nc)
        q = stats.t.ppf(0.975, df)
        cases.append({"control": sums(yc), "variant": sums(yt), "t": res.statistic, "p_value": res.pvalue, "df": df, "relative": rel, "relative_variance": var, "confidence_interval_95": [rel - q * np.sqrt(var), rel + q * np.sqrt(var)]})
    return cases


def ratios():
    rng = np.random.default_rng(11)
    cases = []
    for n, lift in [(400, 0.0), (3000, 0.08)]:
        dc, dt = rng.poisson(3, n) + 1.0, rng.poisson(3, n) + 1.0
        yc, yt = dc * rng.gamma(2.0, 5.0, n), dt * rng.gamma(2.0, 5.0 * (1 + lift), n)

        def ratio_moments(y, d):
            m, dm = y.mean(), d.mean()
            cov = np.cov(y, d, ddof=1)
            return m / dm, cov[0, 0] / dm**2 + m**2 * cov[1, 1] / dm**4 - 2 * m * cov[0, 1] / dm**3

        rc, vc = ratio_moments(yc, dc)
        rt, vt = ratio_moments(yt, dt)
        rel, var = relative_delta(rt, vt, n, rc, vc, n)
        cases.append({"control": sums(yc, d=dc), "variant": sums(yt, d=dt), "ratio_control": rc, "ratio_variance_control": vc, "relative": rel, "relative_variance": var, "p_value": 2 * stats.norm.sf(abs(rel) / np.sqrt(var))})
    return cases


def beta_binomial():
    cases = []
    for (nc, sc, nt, st) in [(1000, 100, 1000, 130), (5000, 500, 5000, 650), (300, 30, 320, 29), (2000, 60, 2100, 70), (150, 5, 160, 12)]:
        a, b = stats.beta(1 + sc, 1 + nc - sc), stats.beta(1 + st, 1 + nt - st)
        lo, hi = a.ppf(1e-12), a.ppf(1 - 1e-12)
        win = integrate.quad(lambda x: a.pdf(x) * b.sf(x), lo, hi, **QUAD)[0]

        def rel_cdf(r):
            return integrate.quad(lambda x: a.pdf(x) * b.cdf((1 + r) * x), lo, hi, **QUAD)[0]

        def rel_quantile(p):
            return optimize.brentq(lambda r: rel_cdf(r) - p, -0.99, 10, xtol=1e-13)

        loss_up = integrate.quad(lambda x: a.pdf(x) * integrate.quad(lambda y: b.pdf(y) * (x - y) / x, 0, x, **QUAD)[0], lo, hi, limit=200)[0]
        loss_down = integrate.quad(lambda x: a.pdf(x) * integrate.quad(lambda y: b.pdf(y) * (y - x) / x, x, 1, **QUAD)[0], lo, hi, limit=200)[0]
        cases.append({"control": {"n": nc, "successes": sc}, "variant": {"n": nt, "successes": st}, "chance_to_win": win,
                      "credible_interval_95": [rel_quantile(0.025), rel_quantile(0.975)], "credible_interval_90": [rel_quantile(0.05), rel_quantile(0.95)],
                      "expected_loss_increase": loss_up, "expected_loss_decrease": loss_down})
    return cases


def normal_model():
    cases = []
    for mu, var in [(0.1, 0.0025), (-0.03, 0.0004), (0.004, 0.0009), (0.25, 0.01)]:
        sd = np.sqrt(var)
        post = stats.norm(mu, sd)
        # expected loss as P(θ<0)·|E[θ | θ<0]| (PostHog's risk_treatment), via scipy's truncated normal
        neg = stats.truncnorm(-np.inf, (0 - mu) / sd, loc=mu, scale=sd).mean()
        pos = stats.truncnorm((0 - mu) / sd, np.inf, loc=mu, scale=sd).mean()
        cases.append({"estimate": {"value": mu, "variance": var}, "chance_to_win_increase": post.sf(0), "credible_interval_95": list(post.ppf([0.025, 0.975])),
                      "credible_interval_99": list(post.ppf([0.005, 0.995])), "expected_loss_increase": post.cdf(0) * abs(neg), "expected_loss_decrease": post.sf(0) * pos})
    return cases


def legacy():
    funnels, trends = [], []
    for counts in [[(100, 900), (130, 870)], [(200, 1800), (210, 1790), (260, 1740)], [(50, 60), (55, 60)], [(500, 4500), (505, 4495)]]:
        dists = [stats.beta(1 + s, 1 + f) for s, f in counts]
        funnels.append({"variants": [{"key": f"v{i}", "success_count": s, "failure_count": f} for i, (s, f) in enumerate(counts)],
                        "probability": best_probabilities(dists), "credible_intervals": [list(d.ppf([0.025, 0.975])) for d in dists],
                        "expected_loss_of": leader(counts), "expected_loss": expected_loss(dists, leader(counts))})
    for counts in [[(1000, 1000), (1200, 1000)], [(300, 500), (320, 510), (290, 490)], [(1000, 1000), (1030, 1000)]]:
        dists = [stats.gamma(1 + c, scale=1 / (1 + e)) for c, e in counts]
        trends.append({"variants": [{"key": f"v{i}", "count": c, "exposure": 1, "absolute_exposure": e} for i, (c, e) in enumerate(counts)],
                       "probability": best_probabilities(dists), "credible_intervals": [list(d.ppf([0.025, 0.975])) for d in dists],
                       "expected_loss_of": leader(counts, rate=True), "expected_loss": expected_loss(dists, leader(counts, rate=True))})
    return funnels, trends


def leader(counts, rate=False):
    rates = [c / e if rate else s / (s + f) for (c, e) in counts for s, f in [(c, e)]]
    return int(np.argmax(rates))


def best_probabilities(dists):
    out = []
    for i, d in enumerate(dists):
        lo, hi = d.ppf(1e-12), d.ppf(1 - 1e-12)
        others = [o for j, o in enumerate(dists) if j != i]
        out.append(integrate.quad(lambda x: d.pdf(x) * np.prod([o.cdf(x) for o in others]), lo, hi, **QUAD)[0])
    return out


def expected_loss(dists, target):
    """E[max(0, max(others) − X_target)] by nested quadrature over the target and the others' maximum."""
    t = dists[target]
    others = [d for i, d in enumerate(dists) if i != target]
    top = max(d.ppf(1 - 1e-12) for d in dists)

    def shortfall(x):  # E[max(0, M − x)] = ∫_x^top P(M > m) dm
        return integrate.quad(lambda m: 1 - np.prod([o.cdf(m) for o in others]), x, top, epsabs=1e-14, limit=200)[0]

    return integrate.quad(lambda x: t.pdf(x) * shortfall(x), t.ppf(1e-12), t.ppf(1 - 1e-12), epsabs=1e-13, limit=200)[0]


def srm():
    cases = []
    for observed, shares in [([4500, 5500], [50, 50]), ([5010, 4990], [50, 50]), ([3300, 3350, 3420], [1, 1, 1]), ([2100, 7900], [20, 80]), ([498, 502], [50, 50])]:
        total = sum(observed)
        expected = [total * s / sum(shares) for s in shares]
        chi, p = stats.chisquare(observed, expected)
        cases.append({"observed": observed, "shares": shares, "chi_square": chi, "p_value": p})
    return cases


def corrections():
    rng = np.random.default_rng(3)
    lists = [[0.01, 0.04, 0.03], [0.001, 0.2, 0.03, 0.04, 0.0005, 0.9], list(rng.uniform(0, 0.2, 12)), [0.05, 0.05, 0.05]]
    return [{"p_values": list(map(float, p)), "holm": list(multipletests(p, method="holm")[1]), "fdr_bh": list(multipletests(p, method="fdr_bh")[1])} for p in lists]


def sample_size():
    power = NormalIndPower()
    cases = []
    for base, mde, pw, alpha in [(0.1, 0.3, 0.8, 0.05), (0.05, 0.1, 0.8, 0.05), (0.3, 0.05, 0.9, 0.01), (0.02, 0.2, 0.8, 0.1)]:
        h = abs(proportion_effectsize(base * (1 + mde), base))
        cases.append({"kind": "proportion", "baselineRate": base, "minimumDetectableEffect": mde, "power": pw, "alpha": alpha, "effect_size": h, "n": power.solve_power(effect_size=h, alpha=alpha, power=pw)})
    for mean, sd, mde, pw, alpha in [(50, 40, 0.05, 0.8, 0.05), (3.2, 1.1, 0.02, 0.9, 0.05)]:
        d = mde * mean / sd
        cases.append({"kind": "mean", "mean": mean, "standardDeviation": sd, "minimumDetectableEffect": mde, "power": pw, "alpha": alpha, "effect_size": d, "n": power.solve_power(effect_size=d, alpha=alpha, power=pw)})
    return cases


def msprt():
    cases = []
    for value, var, tau2, alpha in [(0.3, 0.0052, 0.01, 0.05), (0.02, 0.0004, 0.01, 0.05), (-0.1, 0.002, 0.0025, 0.1), (0.0, 0.05, 0.01, 0.05)]:
        lam = np.sqrt(var / (var + tau2)) * np.exp(value**2 * tau2 / (2 * var * (var + tau2)))
        radius = np.sqrt(var * (var + tau2) / tau2 * (np.log((var + tau2) / var) - 2 * np.log(alpha)))
        cases.append({"estimate": {"value": value, "variance": var}, "mixingVariance": tau2, "alpha": alpha, "likelihood_ratio": lam, "p_value": min(1.0, 1 / lam), "confidence_sequence": [value - radius, value + radius]})
    return cases


def cuped():
    rng = np.random.default_rng(5)
    cases = []
    for n, effect, rho in [(2000, 0.5, 0.7), (800, 0.0, 0.4)]:
        groups = []
        for g in range(2):
            x = rng.gamma(2.0, 5.0, n)
            y = 0.8 * x + rng.normal(0, 5.0 * np.sqrt(1 - rho**2) / rho, n) + 10 + effect * g
            groups.append((x, y))
        x = np.concatenate([g[0] for g in groups])
        y = np.concatenate([g[1] for g in groups])
        treat = np.concatenate([np.zeros(n), np.ones(n)])
        fit = OLS(y, np.column_stack([np.ones(2 * n), treat, x])).fit()
        cases.append({"control": sums(groups[0][1], x=groups[0][0]), "variant": sums(groups[1][1], x=groups[1][0]), "theta": fit.params[2], "adjusted_difference": fit.params[1],
                      "raw_difference": groups[1][1].mean() - groups[0][1].mean()})
    return cases


if __name__ == "__main__":
    write("frequentist.json", {"proportions": proportions(), "welch": welch(), "ratios": ratios()})
    write("bayesian.json", {"beta_binomial": beta_binomial(), "normal": normal_model()})
    funnels, trends = legacy()
    write("legacy.json", {"funnels": funnels, "trends": trends})
    write("srm.json", srm())
    write("corrections.json", corrections())
    write("sample-size.json", sample_size())
    write("msprt.json", msprt())
    write("cuped.json", cuped())
