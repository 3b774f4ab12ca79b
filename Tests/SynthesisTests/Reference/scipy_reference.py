#!/usr/bin/env python3
"""Prints the scipy reference values embedded in ParametricTests.swift and KDETests.swift.

Run: python3 Tests/SynthesisTests/Reference/scipy_reference.py   (scipy 1.17.1, numpy 2.4.6 when
the numbers were taken). Values are printed with repr(), which round-trips the double exactly, so
the tests' literals are the same doubles scipy computed.
"""
import numpy as np
import scipy
from scipy import optimize, special, stats


def show(label, value):
    print(f"{label} = {float(value)!r}")


def samples():
    # Small fixed data sets; rounded to 4 decimals so the Swift literals are the same doubles.
    rng = np.random.default_rng(20240611)
    gamma = [round(float(v), 4) for v in rng.gamma(2.5, 3.0, 40)]
    counts = [int(v) for v in rng.negative_binomial(3, 0.4, 40)]
    trunc = [round(float(v), 4) for v in rng.normal(5.0, 2.0, 40)]
    normal = [round(float(v), 4) for v in rng.normal(10.0, 2.0, 25)]
    return gamma, counts, trunc, normal


def special_functions():
    print("# Normal distribution function and quantile")
    for x in [-37.5, -20.0, -8.0, -3.0, -1.0, 0.0, 0.5, 2.0, 5.0, 8.0]:
        show(f"ndtr({x})", special.ndtr(x))
    for p in [1e-300, 1e-10, 0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999999, 1 - 1e-12]:
        show(f"ndtri({p!r})", special.ndtri(p))
    print("# Regularized incomplete gamma P(a, x), Q(a, x) and the inverse of P")
    for a, x in [(0.5, 0.1), (1.0, 1.0), (2.5, 3.0), (10.0, 5.0), (10.0, 20.0), (0.1, 0.001),
                 (100.0, 90.0), (100.0, 110.0), (1800.0, 1790.0), (3932.5, 3900.0), (0.3, 40.0)]:
        show(f"gammainc({a}, {x})", special.gammainc(a, x))
        show(f"gammaincc({a}, {x})", special.gammaincc(a, x))
    for a, p in [(0.5, 0.1), (1.0, 0.5), (2.5, 0.01), (2.5, 0.999), (10.0, 0.3), (0.1, 0.5),
                 (100.0, 0.95), (1800.0, 0.5), (0.05, 0.9)]:
        show(f"gammaincinv({a}, {p})", special.gammaincinv(a, p))
    print("# Regularized incomplete beta I_x(a, b) and its inverse")
    for a, b, x in [(0.5, 0.5, 0.2), (2.0, 3.0, 0.4), (2.0, 3.0, 0.9), (10.0, 2.0, 0.7),
                    (0.3, 8.0, 0.01), (150.0, 90.0, 0.62), (1.5, 18824.0, 0.0002), (3.0, 5.0, 0.999)]:
        show(f"betainc({a}, {b}, {x})", special.betainc(a, b, x))
    for a, b, p in [(0.5, 0.5, 0.2), (2.0, 3.0, 0.5), (10.0, 2.0, 0.01), (0.3, 8.0, 0.9),
                    (150.0, 90.0, 0.999), (1.0, 1.0, 0.25)]:
        show(f"betaincinv({a}, {b}, {p})", special.betaincinv(a, b, p))
    print("# Mills ratio (1 - Phi(t)) / phi(t) = erfcx(t / sqrt 2) * sqrt(pi / 2)")
    for t in [0.5, 5.0, 29.9, 30.1, 50.0, 1000.0]:
        show(f"mills({t})", special.erfcx(t / np.sqrt(2)) * np.sqrt(np.pi / 2))
    print("# Digamma and trigamma")
    for x in [1e-3, 0.5, 1.0, 2.5, 7.0, 150.0, 1e6]:
        show(f"digamma({x})", special.digamma(x))
        show(f"trigamma({x})", special.polygamma(1, x))


def distributions():
    print("# Distribution functions and quantiles of the families, scipy parametrisations")
    show("lognorm.cdf(3.2; s=0.7, scale=e^1.1)", stats.lognorm.cdf(3.2, 0.7, scale=np.exp(1.1)))
    show("lognorm.ppf(0.9; s=0.7, scale=e^1.1)", stats.lognorm.ppf(0.9, 0.7, scale=np.exp(1.1)))
    show("gamma.cdf(4.0; a=2.5, scale=1.8)", stats.gamma.cdf(4.0, 2.5, scale=1.8))
    show("gamma.ppf(0.25; a=2.5, scale=1.8)", stats.gamma.ppf(0.25, 2.5, scale=1.8))
    show("expon.cdf(0.7; scale=1/1.5)", stats.expon.cdf(0.7, scale=1 / 1.5))
    show("expon.ppf(0.999; scale=1/1.5)", stats.expon.ppf(0.999, scale=1 / 1.5))
    show("beta.cdf(55.0; 2.2, 3.4, loc=40, scale=30)", stats.beta.cdf(55.0, 2.2, 3.4, loc=40, scale=30))
    show("beta.ppf(0.6; 2.2, 3.4, loc=40, scale=30)", stats.beta.ppf(0.6, 2.2, 3.4, loc=40, scale=30))
    # truncnorm's a, b are in standard units of the untruncated normal.
    mu, sigma, low, high = 5.0, 2.0, 3.0, 12.0
    a, b = (low - mu) / sigma, (high - mu) / sigma
    show("truncnorm.cdf(4.0; mu 5, sd 2, [3, 12])", stats.truncnorm.cdf(4.0, a, b, loc=mu, scale=sigma))
    show("truncnorm.ppf(0.7; mu 5, sd 2, [3, 12])", stats.truncnorm.ppf(0.7, a, b, loc=mu, scale=sigma))
    mu, sigma, low, high = 0.0, 1.0, 6.0, 9.0
    show("truncnorm.cdf(6.1; mu 0, sd 1, [6, 9])", stats.truncnorm.cdf(6.1, 6.0, 9.0))
    show("truncnorm.ppf(0.5; mu 0, sd 1, [6, 9])", stats.truncnorm.ppf(0.5, 6.0, 9.0))
    show("truncnorm.cdf(40.01; mu 0, sd 1, [40, 45])", stats.truncnorm.cdf(40.01, 40.0, 45.0))
    show("truncnorm.ppf(0.5; mu 0, sd 1, [40, 45])", stats.truncnorm.ppf(0.5, 40.0, 45.0))
    show("truncnorm.cdf(-44.99; mu 0, sd 1, [-45, -40])", stats.truncnorm.cdf(-44.99, -45.0, -40.0))
    show("truncnorm.ppf(0.3; mu 0, sd 1, [-45, -40])", stats.truncnorm.ppf(0.3, -45.0, -40.0))
    show("poisson.cdf(7; 4.5)", stats.poisson.cdf(7, 4.5))
    show("poisson.ppf(0.9; 4.5)", stats.poisson.ppf(0.9, 4.5))
    show("poisson.cdf(4000; 3932.5)", stats.poisson.cdf(4000, 3932.5))
    show("poisson.ppf(0.01; 3932.5)", stats.poisson.ppf(0.01, 3932.5))
    show("nbinom.cdf(5; n=3, p=0.4)", stats.nbinom.cdf(5, 3, 0.4))
    show("nbinom.ppf(0.95; n=3, p=0.4)", stats.nbinom.ppf(0.95, 3, 0.4))
    show("nbinom.cdf(2500; n=1.3, p=0.0003)", stats.nbinom.cdf(2500, 1.3, 0.0003))


def fits():
    gamma, counts, trunc, normal = samples()
    print("# Fixed samples (the tests embed these literals)")
    print("gammaSample =", gamma)
    print("countSample =", counts)
    print("truncSample =", trunc)
    print("normalSample =", normal)
    print("# Maximum-likelihood fits")
    shape, _, scale = stats.gamma.fit(gamma, floc=0, method="MLE")
    # scipy's optimizer stops near the optimum; polish on the closed-form scale equation.
    shape = optimize.brentq(lambda k: np.log(k) - special.digamma(k) - (np.log(np.mean(gamma)) - np.mean(np.log(gamma))), 1e-3, 1e3, xtol=1e-15)
    show("gamma MLE shape", shape)
    show("gamma MLE scale", np.mean(gamma) / shape)
    s, _, scale = stats.lognorm.fit(gamma, floc=0)
    show("lognorm MLE sigma", s)
    show("lognorm MLE mu", np.log(scale))

    low, high = min(trunc), max(trunc)

    def truncnorm_nll(theta):
        mu, log_sigma = theta
        sigma = np.exp(log_sigma)
        return -np.sum(stats.truncnorm.logpdf(trunc, (low - mu) / sigma, (high - mu) / sigma, loc=mu, scale=sigma))

    best = optimize.minimize(truncnorm_nll, [np.mean(trunc), np.log(np.std(trunc))], method="Nelder-Mead",
                             options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 20000})
    show("truncnorm MLE mu", best.x[0])
    show("truncnorm MLE sigma", np.exp(best.x[1]))

    mean = np.mean(counts)

    def nbinom_score(r):
        return np.sum(special.digamma(np.array(counts) + r) - special.digamma(r)) + len(counts) * np.log(r / (r + mean))

    r = optimize.brentq(nbinom_score, 1e-3, 1e4, xtol=1e-14)
    show("nbinom MLE n", r)
    show("nbinom MLE p", r / (r + mean))

    print("# Kolmogorov-Smirnov statistic against a continuous distribution")
    show("kstest(normalSample, norm(10, 2)).statistic", stats.kstest(normal, "norm", args=(10.0, 2.0)).statistic)
    show("kstest(gammaSample, gamma(2.5, scale 3)).statistic", stats.kstest(gamma, "gamma", args=(2.5, 0, 3.0)).statistic)

    print("# gaussian_kde bandwidths (kernel standard deviation = factor * sample sd, ddof 1)")
    for method in ["scott", "silverman"]:
        kde = stats.gaussian_kde(normal, bw_method=method)
        show(f"gaussian_kde(normalSample, {method}).factor", kde.factor)
        show(f"gaussian_kde(normalSample, {method}) kernel sd", np.sqrt(kde.covariance[0, 0]))
    kde = stats.gaussian_kde(normal)
    for x in [6.0, 9.5, 10.0, 13.0]:
        show(f"gaussian_kde(normalSample).integrate_box_1d(-inf, {x})", kde.integrate_box_1d(-np.inf, x))


if __name__ == "__main__":
    print(f"# scipy {scipy.__version__}, numpy {np.__version__}")
    special_functions()
    distributions()
    fits()
