#!/usr/bin/env python3
"""Independent reference values for barometer's trend models (Tests/SurveyTests/Trends).

Run from this directory:  python3 reference.py   (numpy, scipy, statsmodels 0.14+)
Writes data.csv (the test series, read by reference.R too) and reference.json.

Series (each: ISO dates, share y, sampling variance var, effective sample size m = n/deff):
  synthetic-logit     SYNTHETIC, seeded: 14 irregular waves, logit-linear truth, binomial draws
  synthetic-break     SYNTHETIC, seeded: 12 waves, slope changes in 2020
  constructed-kz      CONSTRUCTED by hand to look like a CAB favorability series (NOT published
                      figures): 11 waves 2017-2022, n = 1500, deff 1.6, one wave missing,
                      a level drop after the 2020 switch to telephone interviews.
Peers: statsmodels WLS / GLM(Binomial, var_weights) / a custom MLEModel with exact diffuse
initialisation for the local linear trend; scipy for the profile breakpoint; formulas written
out below where statsmodels has none (delta-method slope, Davies bound).
"""
import csv, json, math
import numpy as np
import scipy.optimize as so
import scipy.stats as st
import statsmodels.api as sm
from statsmodels.tsa.statespace.mlemodel import MLEModel

Z = st.norm.ppf(0.975)


def decimal_year(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
    lengths = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return y + (sum(lengths[: m - 1]) + d - 1) / (366 if leap else 365)


def make_series():
    out = []
    rng = np.random.default_rng(20261201)
    # synthetic-logit: waves roughly every 6 months with jitter, logit-linear truth.
    dates = []
    for k in range(14):
        y = 2017 + k // 2
        m = 5 if k % 2 == 0 else 11
        d = int(rng.integers(1, 28))
        dates.append(f"{y}-{m:02d}-{d:02d}")
    n = rng.integers(1000, 2000, size=14)
    deff = 1.5
    t = np.array([decimal_year(x) for x in dates])
    p_true = 1 / (1 + np.exp(-(0.6 - 0.12 * (t - 2020))))
    m_eff = n / deff
    y = rng.binomial(n, p_true) / n
    out.append(("synthetic-logit", dates, y, y * (1 - y) / m_eff, m_eff))
    # synthetic-break: slope change at 2020.3.
    dates = [f"{2016 + k // 2}-{(4 if k % 2 == 0 else 10):02d}-15" for k in range(12)]
    t = np.array([decimal_year(x) for x in dates])
    truth = 0.55 + 0.01 * (t - 2016) - 0.05 * np.maximum(t - 2020.3, 0)
    n = np.full(12, 1500)
    m_eff = n / 1.3
    y = rng.binomial(n, truth) / n
    out.append(("synthetic-break", dates, y, y * (1 - y) / m_eff, m_eff))
    # constructed-kz: hand-made, CAB-like (see module docstring); NaN = wave not fielded.
    dates = ["2017-05-20", "2017-11-20", "2018-05-20", "2018-11-20", "2019-05-20", "2019-11-20",
             "2020-11-20", "2021-05-20", "2021-11-20", "2022-05-20", "2022-11-20"]
    y = np.array([0.62, 0.60, 0.63, 0.58, 0.59, 0.57, 0.49, 0.50, 0.47, np.nan, 0.45])
    m_eff = np.full(11, 1500 / 1.6)
    var = np.where(np.isfinite(y), y * (1 - y) / m_eff, np.nan)
    out.append(("constructed-kz", dates, y, var, m_eff))
    return out


def grid(t0, t1, k=50):
    return [t1 if i == k - 1 else t0 + (t1 - t0) * i / (k - 1) for i in range(k)]


def wls(X, y, w):
    known = sm.WLS(y, X, weights=w).fit(cov_type="fixed scale")  # scale 1: variances known
    est = sm.WLS(y, X, weights=w).fit()  # scale = Pearson dispersion
    return known, est


def point_se(cov, rows):
    return [float(np.sqrt(r @ cov @ r)) for r in rows]


def polynomial(t, y, w, deg):
    c = t.mean()
    X = np.vander(t - c, deg + 1, increasing=True)
    known, est = wls(X, y, w)
    last = t[-1] - c
    d = np.array([0.0, 1.0, 2 * last])[: deg + 1]
    rows = X
    g = np.array(grid(t[0], t[-1])) - c
    G = np.vander(g, deg + 1, increasing=True)
    r = y - X @ known.params
    ll = float(-0.5 * np.sum(np.log(2 * np.pi / w) + w * r * r))
    return {
        "centre": c, "params": known.params.tolist(),
        "se_known": known.bse.tolist(), "se_estimated": est.bse.tolist(), "dispersion": est.scale,
        "fitted": (X @ known.params).tolist(), "fitted_se_known": point_se(known.cov_params(), rows),
        "grid": (G @ known.params).tolist(), "grid_se_known": point_se(known.cov_params(), G),
        "slope": float(d @ known.params), "slope_se_known": float(np.sqrt(d @ known.cov_params() @ d)),
        "slope_se_estimated": float(np.sqrt(d @ est.cov_params() @ d)),
        "loglik": ll, "aic": -2 * ll + 2 * (deg + 1), "bic": -2 * ll + (deg + 1) * math.log(len(y)),
    }


def expit(x):
    return 1 / (1 + np.exp(-x))


def logit(t, y, m, var):
    c = t.mean()
    X = np.column_stack([np.ones_like(t), t - c])
    model = sm.GLM(y, X, family=sm.families.Binomial(), var_weights=m)
    fit1 = model.fit(tol=1e-14)
    fitq = model.fit(tol=1e-14, scale="X2")
    b = fit1.params
    res = {"centre": c, "params": b.tolist(), "se_known": fit1.bse.tolist(), "se_estimated": fitq.bse.tolist(),
           "dispersion": float(fit1.pearson_chi2 / (len(y) - 2))}
    for name, f in (("known", fit1), ("estimated", fitq)):
        cov = f.cov_params()
        q = Z if name == "known" else st.t.ppf(0.975, len(y) - 2)
        eta = X @ b
        se_eta = np.sqrt(np.einsum("ij,jk,ik->i", X, cov, X))
        res["fitted_" + name] = {"estimate": expit(eta).tolist(), "lower": expit(eta - q * se_eta).tolist(),
                                 "upper": expit(eta + q * se_eta).tolist()}
        xl = t[-1] - c
        mu = expit(b[0] + b[1] * xl)
        dd = mu * (1 - mu)
        gvec = np.array([b[1] * dd * (1 - 2 * mu), dd + b[1] * dd * (1 - 2 * mu) * xl])
        res["slope"] = float(b[1] * dd)
        res["slope_se_" + name] = float(np.sqrt(gvec @ cov @ gvec))
    mu = expit(X @ b)
    r = y - mu
    ll = float(-0.5 * np.sum(np.log(2 * np.pi * var) + r * r / var))
    res.update(loglik=ll, aic=-2 * ll + 4, bic=-2 * ll + 2 * math.log(len(y)))
    return res


def seg_rss(t, y, w, c, psi):
    X = np.column_stack([np.ones_like(t), t - c, np.maximum(t - psi, 0)])
    return sm.WLS(y, X, weights=w).fit().ssr


def davies(t, y, w, c, use_t, k=10):
    n = len(t)
    ts = np.sort(t)
    values = np.linspace(ts[1], ts[n - 2], k)
    stats, rho = [], []
    for psi in values:
        X = np.column_stack([np.ones_like(t), t - c, np.maximum(t - psi, 0)])
        f = sm.WLS(y, X, weights=w).fit(cov_type="fixed scale")
        zz = f.params[2] / f.bse[2]
        if use_t:
            rss = f.ssr
            stats.append(zz / math.sqrt(rss / (n - 3)))
            rho.append(zz * zz / (zz * zz + rss))
        else:
            stats.append(zz)
    M = max(abs(s) for s in stats)
    if use_t:
        V = sum(abs(math.asin(math.sqrt(rho[i])) - math.asin(math.sqrt(rho[i - 1]))) for i in range(1, k))
        df = n - 3
        u = M * M / (df + M * M)
        approx = V * (1 - u) ** ((df - 1) / 2) * math.gamma(df / 2 + 0.5) / (2 * math.gamma(df / 2) * math.sqrt(math.pi))
        p = 2 * (st.t.sf(M, df) + approx)
    else:
        V = sum(abs(stats[i] - stats[i - 1]) for i in range(1, k))
        p = 2 * (st.norm.sf(M) + V * math.exp(-M * M / 2) / math.sqrt(8 * math.pi))
    return {"statistic": M, "p_value": min(p, 1.0), "stats": stats}


def segmented(t, y, w):
    c = t.mean()
    ts = np.sort(t)
    # Independent optimiser: bounded Brent on each interval between waves, best of all.
    # The offset u = psi - ts[j] is optimised (scipy's bounded Brent adds sqrt(eps)*|x| to its
    # tolerance, too coarse on a calendar-year scale); interval ends (kinks of the profile) too.
    best = (math.inf, None)
    for j in range(1, len(t) - 2):
        a, b = ts[j], ts[j + 1]
        r = so.minimize_scalar(lambda u: seg_rss(t, y, w, c, a + u), bounds=(0, b - a),
                               method="bounded", options={"xatol": 1e-13, "maxiter": 5000})
        for cand in (a + r.x, a, b):
            v = seg_rss(t, y, w, c, cand)
            if v < best[0]:
                best = (v, cand)
    psi = float(best[1])
    X3 = np.column_stack([np.ones_like(t), t - c, np.maximum(t - psi, 0)])
    b = sm.WLS(y, X3, weights=w).fit().params
    X4 = np.column_stack([X3, np.where(t > psi, -b[2], 0.0)])
    known, _ = wls(X4, y, w)
    # The dispersion is the reported (profile) fit's: its residuals over n - 4 df. At a kink of the
    # profile RSS (psi on a wave date) the X4 fit's own residuals are smaller than the reported fit's.
    scale = float(np.sum(w * (y - X3 @ b) ** 2) / (len(y) - 4))
    out = {"centre": c, "psi": psi, "params": b.tolist()}
    for name, factor in (("known", 1.0), ("estimated", scale)):
        cov = known.cov_params() * factor
        out["psi_se_" + name] = float(np.sqrt(cov[3, 3]))
        s = np.array([0, 1, 1, 0.0])
        out["slope_se_" + name] = float(np.sqrt(s @ cov @ s))
        out["fitted_se_" + name] = point_se(cov, X4)
    out["slope"] = float(b[1] + b[2])
    out["dispersion"] = scale
    out["fitted"] = (X3 @ b).tolist()
    out["davies_known"] = davies(t, y, w, c, False)
    out["davies_estimated"] = davies(t, y, w, c, True)
    return out


def level_shift(t, y, w, tau):
    c = t.mean()
    X = np.column_stack([np.ones_like(t), t - c, (t >= tau).astype(float)])
    known, est = wls(X, y, w)
    return {"centre": c, "tau": tau, "params": known.params.tolist(), "se_known": known.bse.tolist(),
            "se_estimated": est.bse.tolist(), "dispersion": float(est.scale),
            "fitted_se_known": point_se(known.cov_params(), X)}


class LLT(MLEModel):
    """Local linear trend, continuous-time state noise, known observation variances, exact diffuse."""

    def __init__(self, y, t, h):
        n = len(y)
        super().__init__(y, k_states=2, initialization="diffuse")
        d = np.r_[np.diff(t), 1.0]
        self.d = d
        self["design"] = np.array([[1.0, 0.0]])
        T = np.zeros((2, 2, n))
        T[0, 0] = T[1, 1] = 1
        T[0, 1] = d
        self["transition"] = T
        self["selection"] = np.eye(2)
        self["obs_cov"] = np.where(np.isfinite(h), h, 1.0).reshape(1, 1, n)

    def update(self, params, **kw):
        params = super().update(params, **kw)
        ql, qs = np.real(params)
        d = self.d
        Q = np.zeros((2, 2, len(d)))
        Q[0, 0] = ql * d + qs * d ** 3 / 3
        Q[0, 1] = Q[1, 0] = qs * d ** 2 / 2
        Q[1, 1] = qs * d
        self["state_cov"] = Q

    @property
    def start_params(self):
        return np.array([1e-4, 1e-4])

    def transform_params(self, p):
        return p ** 2

    def untransform_params(self, p):
        return np.sqrt(p)


def local_trend_gls(t, y, var, ql, qs):
    """Direct computation (no Kalman filter): states x_k = Phi_k delta + noise with delta flat, so
    y = X delta + u, u ~ N(0, H K H' + diag(var)); delta by GLS, states by the Gaussian posterior
    (the exact diffuse smoother written as one dense linear-algebra problem)."""
    n = len(t)
    K = np.zeros((2 * n, 2 * n))
    Ph = np.zeros((2 * n, 2))
    Ph[0:2] = np.eye(2)
    for k in range(1, n):
        d = t[k] - t[k - 1]
        T = np.array([[1, d], [0, 1]])
        Q = np.array([[ql * d + qs * d ** 3 / 3, qs * d * d / 2], [qs * d * d / 2, qs * d]])
        Ph[2 * k:2 * k + 2] = T @ Ph[2 * k - 2:2 * k]
        for j in range(k):
            K[2 * k:2 * k + 2, 2 * j:2 * j + 2] = T @ K[2 * k - 2:2 * k, 2 * j:2 * j + 2]
            K[2 * j:2 * j + 2, 2 * k:2 * k + 2] = K[2 * k:2 * k + 2, 2 * j:2 * j + 2].T
        K[2 * k:2 * k + 2, 2 * k:2 * k + 2] = T @ K[2 * k - 2:2 * k, 2 * k - 2:2 * k] @ T.T + Q
    obs = np.where(np.isfinite(y))[0]
    H = np.zeros((len(obs), 2 * n))
    for r, k in enumerate(obs):
        H[r, 2 * k] = 1
    X = H @ Ph
    S = H @ K @ H.T + np.diag(var[obs])
    Si = np.linalg.inv(S)
    A = np.linalg.inv(X.T @ Si @ X)
    dhat = A @ X.T @ Si @ y[obs]
    G = K @ H.T @ Si
    mean = Ph @ dhat + G @ (y[obs] - X @ dhat)
    B = Ph - G @ X
    cov = K - G @ H @ K + B @ A @ B.T
    return {"level": mean[0::2].tolist(), "slope": mean[1::2].tolist(),
            "level_var": np.diag(cov)[0::2].tolist(), "slope_var": np.diag(cov)[1::2].tolist()}


def local_trend(t, y, var, fixed):
    model = LLT(y, t, var)
    out = {}
    r = model.smooth(np.array(fixed), transformed=True)
    out["fixed"] = {"params": list(fixed), "loglik": float(r.llf),
                    "level": r.smoothed_state[0].tolist(), "slope": r.smoothed_state[1].tolist(),
                    "level_var": r.smoothed_state_cov[0, 0].tolist(), "slope_var": r.smoothed_state_cov[1, 1].tolist()}
    out["fixed_gls"] = local_trend_gls(t, y, var, *fixed)
    # Maximum likelihood: many starts on the sqrt-variance scale, tight Nelder-Mead then BFGS polish.
    c = float(np.nanmean(var))
    best = None
    for a in (0.05, 0.3, 1.0, 3.0):
        for b in (0.05, 0.3, 1.0, 3.0):
            f = lambda th: -model.loglike(np.array([c * th[0] ** 2, c * th[1] ** 2]), transformed=True)
            res = so.minimize(f, [a, b], method="Nelder-Mead",
                              options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 20000, "maxfev": 20000})
            if best is None or res.fun < best.fun:
                best = res
    th = best.x
    ml = np.array([c * th[0] ** 2, c * th[1] ** 2])
    r = model.smooth(ml, transformed=True)
    out["ml"] = {"params": ml.tolist(), "loglik": float(r.llf),
                 "level": r.smoothed_state[0].tolist(), "slope": r.smoothed_state[1].tolist(),
                 "level_var": r.smoothed_state_cov[0, 0].tolist(), "slope_var": r.smoothed_state_cov[1, 1].tolist()}
    return out


def clean(x):
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, (float, np.floating)):
        return None if not math.isfinite(x) else float(x)
    return x


def main():
    series = make_series()
    result = {"generator": "Tests/Fixtures/trends/reference.py", "statsmodels": sm.__version__, "series": []}
    with open("data.csv", "w", newline="") as fh:
        wr = csv.writer(fh)
        wr.writerow(["series", "date", "y", "var", "m"])
        for name, dates, y, var, m in series:
            for i in range(len(dates)):
                wr.writerow([name, dates[i], repr(float(y[i])), repr(float(var[i])), repr(float(m[i]))])
    for name, dates, y, var, m in series:
        t_all = np.array([decimal_year(d) for d in dates])
        ok = np.isfinite(y)
        t, yy, vv, mm = t_all[ok], y[ok], var[ok], m[ok]
        w = 1 / vv
        entry = {"name": name, "dates": dates, "y": [None if not math.isfinite(v) else float(v) for v in y],
                 "var": [None if not math.isfinite(v) else float(v) for v in var], "m": m.tolist(),
                 "times": t_all.tolist(),
                 "linear": polynomial(t, yy, w, 1), "quadratic": polynomial(t, yy, w, 2),
                 "logit": logit(t, yy, mm, vv), "segmented": segmented(t, yy, w),
                 "level_shift_2020": level_shift(t, yy, w, decimal_year("2020-01-01")),
                 "local_trend": local_trend(t_all, y, var, (2e-4, 5e-5))}
        result["series"].append(entry)
    with open("reference.json", "w") as fh:
        json.dump(clean(result), fh, indent=1)


if __name__ == "__main__":
    main()
