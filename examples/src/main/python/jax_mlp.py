"""The MLP that bench_jax.py and fashion_jax.py build, written by hand as equinox.nn.MLP lays it out:
a list of {"weight": [out, in], "bias": [out]} layers, one sample at a time (vmap it for batches).

Needs jax and numpy.
"""

import jax
import numpy as np


def linear_init(key, fan_in, fan_out):
    """equinox.nn.Linear's initialisation: weight [out, in] and bias [out] from U(-1/sqrt(in), 1/sqrt(in))."""
    wkey, bkey = jax.random.split(key)
    limit = 1 / np.sqrt(fan_in)
    return {
        "weight": jax.random.uniform(wkey, (fan_out, fan_in), minval=-limit, maxval=limit),
        "bias": jax.random.uniform(bkey, (fan_out,), minval=-limit, maxval=limit),
    }


def mlp_init(key, widths):
    keys = jax.random.split(key, len(widths) - 1)
    return [linear_init(k, i, o) for k, i, o in zip(keys, widths[:-1], widths[1:])]


def mlp_forward(layers, x, activation):
    """One sample through the layers, `activation` between them and none after the last."""
    for i, layer in enumerate(layers):
        x = layer["weight"] @ x + layer["bias"]
        if i + 1 < len(layers):
            x = activation(x)
    return x
