"""Derives FloatMath's tanh coefficients: tanh(x) ~ x P(x^2) / Q(x^2) on [0, 10].

Minimises the maximum relative error with Lawson-weighted, iterated linear least squares
(the denominator of the previous iteration divides the residual), in a scaled variable for
conditioning. Prints the coefficients as Java float literals and the error they reach.
Usage: python3 fit_tanh.py [range] [numerator degree] [denominator degree]  (defaults 10 6 3).
Not used by the build or the tests.
"""
import sys

import numpy as np
from numpy.polynomial import polynomial as poly

X = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
DP = int(sys.argv[2]) if len(sys.argv) > 2 else 6
DQ = int(sys.argv[3]) if len(sys.argv) > 3 else 3

x = np.concatenate([np.linspace(1e-6, 1, 4000), np.linspace(1, X, 8000)])
t = np.tanh(x)
scale = X * X
z = x * x / scale
weights = np.full_like(x, 1 / len(x))
previous_q = np.ones_like(x)
for _ in range(300):
    # Unknowns p0..p_DP and q1..q_DQ (q0 = 1); residual (x P - t Q) / (t Q_previous).
    columns = [x * z**i for i in range(DP + 1)] + [-t * z**j for j in range(1, DQ + 1)]
    a = np.stack(columns, 1) / (t * previous_q)[:, None]
    b = 1 / previous_q
    root = np.sqrt(weights)
    solution = np.linalg.lstsq(a * root[:, None], b * root, rcond=None)[0]
    p = solution[:DP + 1]
    q = np.concatenate([[1.0], solution[DP + 1:]])
    previous_q = poly.polyval(z, q)
    error = np.abs(x * poly.polyval(z, p) / previous_q - t) / t
    weights = weights * error / error.max() + 1e-300
    weights /= weights.sum()

p = (p / scale ** np.arange(DP + 1)).astype(np.float32)
q = (q / scale ** np.arange(DQ + 1)).astype(np.float32)
assert p[0] == 1 and q[0] == 1, 'FloatMath.tanh assumes P(0) = Q(0) = 1'
zz = x * x
fitted = x * poly.polyval(zz, p.astype(np.float64)) / poly.polyval(zz, q.astype(np.float64))
print('max relative error with float coefficients: %.3g' % (np.abs(fitted - t) / t).max())
for name, values in (('TP', p), ('TQ', q)):
    for i, value in enumerate(values[1:], 1):
        mantissa, exponent = float(value).hex().split('p')
        print('static final float %s%d = %sp%sf;' % (name, i, mantissa.rstrip('0'), exponent))
