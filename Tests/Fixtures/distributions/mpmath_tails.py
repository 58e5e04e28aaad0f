#!/usr/bin/env python3
"""The three mpmath values quoted in docs/distributions.md (and asserted by
DistributionTests.closerToMpmathThanR / mpmathFiguresAtTheirStatedDigits), at 40 digits.

I_z(a, b) = z^a (1 − z)^b / (a·B(a, b)) · 2F1(a + b, 1; a + 1; z) (A&S 26.5.23 with Euler's
transformation), which converges for these tails; F(x; d1, d2) = I_z(d1/2, d2/2) with
z = d1·x/(d1·x + d2), its upper tail I_{1−z}(d2/2, d1/2). Inputs are the binary doubles the tests
use. mpmath 1.3.0 prints:
  9.9999999999885111e-31
  1.0000000050245012e-8
  1.0000000000004543e-30
and the relative change of the first two when x moves up by one ulp (docs/distributions.md:
"one ulp of a rounded x is 10⁻¹² of the tail at 10⁶ df"):
  6.56e-13
  6.3458e-13
"""
import math
import mpmath as mp

mp.mp.dps = 40


def lower(a, b, z):
    a, b, z = mp.mpf(a), mp.mpf(b), mp.mpf(z)
    return z**a * (1 - z)**b / (a * mp.beta(a, b)) * mp.hyp2f1(a + b, 1, a + 1, z, maxterms=10**7)


def f_z(x, d1, d2):
    return mp.mpf(d1) * mp.mpf(x) / (mp.mpf(d1) * mp.mpf(x) + d2)


print(mp.nstr(lower(5e5, 5e5, f_z(0.97733254992877561, 10**6, 10**6)), 17))
print(mp.nstr(lower(5e5, 5e5, 1 - f_z(1.0112872605567371, 10**6, 10**6)), 17))
print(mp.nstr(lower(1e5, 2e5, 0.32351598611711235), 17))

x, y = 0.97733254992877561, 1.0112872605567371
fx = lower(5e5, 5e5, f_z(x, 10**6, 10**6))
print(mp.nstr((lower(5e5, 5e5, f_z(x + math.ulp(x), 10**6, 10**6)) - fx) / fx, 5))
uy = lower(5e5, 5e5, 1 - f_z(y, 10**6, 10**6))
print(mp.nstr((uy - lower(5e5, 5e5, 1 - f_z(y + math.ulp(y), 10**6, 10**6))) / uy, 5))
