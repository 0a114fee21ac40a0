"""Golden values for dev.solstice.runtime.nn, made with jax 0.10.2 without equinox.

Equinox is not installed in the oracle, so each layer's initialisation and forward pass is
re-written here in plain jax, following equinox's source at commit
9336d820b2ef66b360fc6cb3611b3da5cefbb14d (patrick-kidger/equinox); each function cites the lines
it follows. Writes ../resources/dev/solstice/runtime/nn/nn_golden.json.

Run: /work/oracle/bin/python runtime/src/test/python/nn_golden.py
"""

import json
import math
import pathlib

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

jax.config.update("jax_platforms", "cpu")

OUT = pathlib.Path(__file__).resolve().parent.parent / "resources/dev/solstice/runtime/nn/nn_golden.json"


def arr(x):
    x = np.asarray(x)
    if x.dtype == np.bool_:
        x = x.astype(np.int32)
    return {"shape": list(x.shape), "data": x.reshape(-1).tolist()}


def tree(d):
    return {k: arr(v) for k, v in d.items() if v is not None}


def inputs(seed, *shape):
    """Test inputs that do not depend on the layer under test's keys."""
    return jax.random.normal(jax.random.key(1000 + seed), shape)


# ---------------------------------------------------------------------------- Linear
def linear_init(key, in_features, out_features, use_bias=True):
    # equinox/nn/_linear.py:51-61 and equinox/nn/_misc.py:43
    wkey, bkey = jax.random.split(key, 2)
    lim = 1.0 if in_features == 0 else 1 / math.sqrt(in_features)
    weight = jax.random.uniform(wkey, (out_features, in_features), minval=-lim, maxval=lim)
    bias = jax.random.uniform(bkey, (out_features,), minval=-lim, maxval=lim) if use_bias else None
    return {"weight": weight, "bias": bias}


def linear(p, x):
    # equinox/nn/_linear.py Linear.__call__
    y = p["weight"] @ x
    return y if p.get("bias") is None else y + p["bias"]


def linear_cases():
    cases = {}
    for name, (seed, n_in, n_out, bias) in {
        "bias": (0, 3, 4, True),
        "no_bias": (7, 5, 2, False),
    }.items():
        p = linear_init(jax.random.key(seed), n_in, n_out, bias)
        x = inputs(1, n_in)
        xs = inputs(2, 6, n_in)
        t = inputs(3, 6, n_out)

        def loss(p):
            return jnp.mean((jax.vmap(lambda x: linear(p, x))(xs) - t) ** 2)

        value, grads = jax.value_and_grad(loss)(p)
        cases[name] = {
            "seed": seed, "in": n_in, "out": n_out, "use_bias": bias,
            "params": tree(p), "x": arr(x), "y": arr(linear(p, x)),
            "xs": arr(xs), "ys": arr(jax.vmap(lambda x: linear(p, x))(xs)), "targets": arr(t),
            "loss": float(value), "grads": tree(grads),
        }
    return cases


# ---------------------------------------------------------------------------- MLP
def mlp_init(key, in_size, out_size, width, depth, use_bias=True, use_final_bias=True):
    # equinox/nn/_mlp.py:102-130: keys = split(key, depth + 1), one per layer in order
    keys = jax.random.split(key, depth + 1)
    if depth == 0:
        return [linear_init(keys[0], in_size, out_size, use_final_bias)]
    layers = [linear_init(keys[0], in_size, width, use_bias)]
    layers += [linear_init(keys[i], width, width, use_bias) for i in range(1, depth)]
    layers.append(linear_init(keys[-1], width, out_size, use_final_bias))
    return layers


def mlp(layers, x, activation, final_activation):
    # equinox/nn/_mlp.py MLP.__call__ (scan=False)
    for layer in layers[:-1]:
        x = activation(linear(layer, x))
    return final_activation(linear(layers[-1], x))


def mlp_cases():
    cases = {}
    for name, (seed, n_in, n_out, width, depth, act, final) in {
        "tanh_depth2": (1, 2, 3, 8, 2, "tanh", "identity"),
        "relu_sigmoid_depth3": (11, 4, 2, 5, 3, "relu", "sigmoid"),
        "gelu_depth1": (12, 3, 1, 6, 1, "gelu", "tanh"),
        "depth0": (13, 3, 2, 9, 0, "relu", "identity"),
    }.items():
        fns = {"tanh": jnp.tanh, "relu": jax.nn.relu, "gelu": jax.nn.gelu, "sigmoid": jax.nn.sigmoid,
               "identity": lambda x: x}
        layers = mlp_init(jax.random.key(seed), n_in, n_out, width, depth)
        f = lambda layers, x: mlp(layers, x, fns[act], fns[final])
        xs = inputs(4, 7, n_in)
        t = inputs(5, 7, n_out)

        def loss(layers):
            return jnp.mean((jax.vmap(lambda x: f(layers, x))(xs) - t) ** 2)

        value, grads = jax.value_and_grad(loss)(layers)
        cases[name] = {
            "seed": seed, "in": n_in, "out": n_out, "width": width, "depth": depth,
            "activation": act, "final_activation": final,
            "layers": [tree(l) for l in layers],
            "xs": arr(xs), "ys": arr(jax.vmap(lambda x: f(layers, x))(xs)), "targets": arr(t),
            "loss": float(value), "grads": [tree(g) for g in grads],
        }
    return cases


# ---------------------------------------------------------------------------- Dropout
def dropout(p, x, key):
    # equinox/nn/_dropout.py:94-96
    q = 1 - lax.stop_gradient(p)
    mask = jax.random.bernoulli(key, q, x.shape)
    return jnp.where(mask, x / q, 0)


def dropout_cases():
    p = 0.3
    x = inputs(6, 4, 5)
    key = jax.random.key(2)
    xs = inputs(7, 3, 6)
    keys = jax.random.split(jax.random.key(3), 3)
    w = inputs(8, 4, 5)
    value, grad = jax.value_and_grad(lambda x: jnp.sum(dropout(p, x, key) * w))(x)
    return {
        "p": p, "x": arr(x), "seed": 2, "y": arr(dropout(p, x, key)),
        "xs": arr(xs), "batch_seed": 3, "ys": arr(jax.vmap(lambda x, k: dropout(p, x, k))(xs, keys)),
        "w": arr(w), "loss": float(value), "grad_x": arr(grad),
    }


# ---------------------------------------------------------------------------- LayerNorm, RMSNorm
def layer_norm(p, x, eps):
    # equinox/nn/_normalisation.py:149-158
    mean = jnp.mean(x, keepdims=True)
    variance = jnp.var(x, keepdims=True)
    variance = jnp.maximum(0.0, variance)
    inv = lax.rsqrt(variance + eps)
    out = (x - mean) * inv
    if p.get("weight") is not None:
        out = p["weight"] * out
    if p.get("bias") is not None:
        out = out + p["bias"]
    return out


def rms_norm(p, x, eps):
    # equinox/nn/_normalisation.py:397-403
    inv_rms = lax.rsqrt(jnp.mean(x**2) + eps)
    out = inv_rms * x
    if p.get("weight") is not None:
        out = p["weight"] * out
    if p.get("bias") is not None:
        out = out + p["bias"]
    return out


def norm_case(fn, shape, eps, seed, use_weight=True, use_bias=True):
    # Trained values rather than equinox's ones/zeros (_normalisation.py:98-99, 349-350), so the
    # affine part is tested too.
    p = {
        "weight": 1 + 0.1 * inputs(seed, *shape) if use_weight else None,
        "bias": 0.1 * inputs(seed + 1, *shape) if use_bias else None,
    }
    x = 3 * inputs(seed + 2, *shape) + 0.5
    xs = inputs(seed + 3, 4, *shape)
    t = inputs(seed + 4, 4, *shape)

    def loss(p):
        return jnp.mean((jax.vmap(lambda x: fn(p, x, eps))(xs) - t) ** 2)

    value, grads = jax.value_and_grad(loss)(p)
    return {
        "shape": list(shape), "eps": eps, "params": tree(p),
        "x": arr(x), "y": arr(fn(p, x, eps)),
        "xs": arr(xs), "ys": arr(jax.vmap(lambda x: fn(p, x, eps))(xs)), "targets": arr(t),
        "loss": float(value), "grads": tree(grads),
    }


# ---------------------------------------------------------------------------- Embedding
def embedding_cases():
    # equinox/nn/_embedding.py:65: weight = normal(key, (num_embeddings, embedding_size))
    weight = jax.random.normal(jax.random.key(3), (10, 4))
    indices = jnp.array([3, 0, 3, 9], dtype=jnp.int32)
    t = inputs(9, 4, 4)

    def loss(weight):
        return jnp.mean((jax.vmap(lambda i: weight[i])(indices) - t) ** 2)

    value, grad = jax.value_and_grad(loss)(weight)
    return {
        "seed": 3, "num": 10, "size": 4, "weight": arr(weight),
        "index": 7, "y": arr(weight[7]),
        "indices": arr(indices), "ys": arr(jax.vmap(lambda i: weight[i])(indices)), "targets": arr(t),
        "loss": float(value), "grad_weight": arr(grad),
    }


# ---------------------------------------------------------------------------- MultiheadAttention
def mha_init(key, num_heads, query_size, key_size, value_size, output_size, qk_size, vo_size,
             biases):
    # equinox/nn/_attention.py:208-246: split(key, 4) for query, key, value, output projections
    qkey, kkey, vkey, okey = jax.random.split(key, 4)
    return {
        "query_proj": linear_init(qkey, query_size, num_heads * qk_size, biases[0]),
        "key_proj": linear_init(kkey, key_size, num_heads * qk_size, biases[1]),
        "value_proj": linear_init(vkey, value_size, num_heads * vo_size, biases[2]),
        "output_proj": linear_init(okey, num_heads * vo_size, output_size, biases[3]),
    }


def mha(p, num_heads, query, key_, value, mask, dropout_p=0.0, key=None):
    # equinox/nn/_attention.py: dot_product_attention_weights (:21-40), dot_product_attention
    # (:43-56), MultiheadAttention.__call__ (:301-363) and _project (:365-368)
    def project(proj, x):
        return jax.vmap(lambda x: linear(proj, x))(x).reshape(x.shape[0], num_heads, -1)

    def attend(q, k, v, mask, key):
        q = q / math.sqrt(q.shape[-1])
        logits = jnp.einsum("sd,Sd->sS", q, k)
        if mask is not None:
            logits = jnp.where(mask, logits, jnp.finfo(logits.dtype).min)
        weights = jax.nn.softmax(logits)
        if dropout_p > 0:
            weights = dropout(dropout_p, weights, key)
        return jnp.einsum("sS,Sd->sd", weights, v)

    qh, kh, vh = project(p["query_proj"], query), project(p["key_proj"], key_), project(p["value_proj"], value)
    keys = None if key is None else jax.random.split(key, num_heads)
    if mask is not None and mask.ndim == 3:
        attn = jax.vmap(attend, in_axes=(1, 1, 1, 0, 0 if keys is not None else None), out_axes=1)(
            qh, kh, vh, mask, keys)
    else:
        attn = jax.vmap(lambda q, k, v, key: attend(q, k, v, mask, key),
                        in_axes=(1, 1, 1, 0 if keys is not None else None), out_axes=1)(qh, kh, vh, keys)
    attn = attn.reshape(query.shape[0], -1)
    return jax.vmap(lambda x: linear(p["output_proj"], x))(attn)


def mha_cases():
    cases = {}
    # Cross attention with every size different, biases on three projections, a random mask.
    heads, sizes = 2, dict(query_size=8, key_size=6, value_size=5, output_size=7, qk_size=3, vo_size=4)
    biases = (True, False, True, True)
    p = mha_init(jax.random.key(4), heads, *sizes.values(), biases)
    q, k, v = inputs(10, 5, 8), inputs(11, 6, 6), inputs(12, 6, 5)
    mask = jax.random.bernoulli(jax.random.key(13), 0.6, (5, 6)).at[:, 0].set(True)
    qs, ks, vs = inputs(14, 3, 5, 8), inputs(15, 3, 6, 6), inputs(16, 3, 6, 5)
    t = inputs(17, 3, 5, 7)

    def loss(p):
        out = jax.vmap(lambda q, k, v: mha(p, heads, q, k, v, mask))(qs, ks, vs)
        return jnp.mean((out - t) ** 2)

    value, grads = jax.value_and_grad(loss)(p)
    cases["cross"] = {
        "seed": 4, "num_heads": heads, **sizes, "biases": list(biases),
        "params": {name: tree(proj) for name, proj in p.items()},
        "query": arr(q), "key": arr(k), "value": arr(v), "mask": arr(mask),
        "y": arr(mha(p, heads, q, k, v, mask)),
        "queries": arr(qs), "keys": arr(ks), "values": arr(vs),
        "ys": arr(jax.vmap(lambda q, k, v: mha(p, heads, q, k, v, mask))(qs, ks, vs)), "targets": arr(t),
        "loss": float(value), "grads": {name: tree(g) for name, g in grads.items()},
        "y_no_mask": arr(mha(p, heads, q, k, v, None)),
    }
    # Per-head mask.
    head_mask = jax.random.bernoulli(jax.random.key(18), 0.6, (heads, 5, 6)).at[:, :, 0].set(True)
    cases["cross"]["head_mask"] = arr(head_mask)
    cases["cross"]["y_head_mask"] = arr(mha(p, heads, q, k, v, head_mask))

    # Causal self-attention with equinox's defaults (4 heads of 16 / 4), and dropout on the weights.
    p = mha_init(jax.random.key(19), 4, 16, 16, 16, 16, 4, 4, (False,) * 4)
    x = inputs(20, 6, 16)
    causal = jnp.tril(jnp.ones((6, 6), dtype=bool))
    dkey = jax.random.key(21)
    xs = inputs(22, 3, 6, 16)
    dkeys = jax.random.split(jax.random.key(23), 3)
    cases["causal_dropout"] = {
        "seed": 19, "num_heads": 4, "size": 16, "dropout_p": 0.25,
        "params": {name: tree(proj) for name, proj in p.items()},
        "x": arr(x), "y": arr(mha(p, 4, x, x, x, causal)),
        "dropout_seed": 21, "y_dropout": arr(mha(p, 4, x, x, x, causal, 0.25, dkey)),
        "xs": arr(xs), "batch_dropout_seed": 23,
        "ys_dropout": arr(jax.vmap(lambda x, k: mha(p, 4, x, x, x, causal, 0.25, k))(xs, dkeys)),
    }
    return cases


# ---------------------------------------------------------------------------- Conv2d
def conv_init(key, in_channels, out_channels, kernel, groups=1, use_bias=True):
    # equinox/nn/_conv.py:168-174
    wkey, bkey = jax.random.split(key, 2)
    grouped = in_channels // groups
    lim = 1 / math.sqrt(grouped * math.prod(kernel))
    weight = jax.random.uniform(wkey, (out_channels, grouped) + tuple(kernel), minval=-lim, maxval=lim)
    bias = jax.random.uniform(bkey, (out_channels, 1, 1), minval=-lim, maxval=lim) if use_bias else None
    return {"weight": weight, "bias": bias}


def conv(p, x, stride, padding, dilation, groups):
    # equinox/nn/_conv.py:237-249 (padding_mode ZEROS)
    y = lax.conv_general_dilated(
        lhs=x[None], rhs=p["weight"], window_strides=stride, padding=padding,
        rhs_dilation=dilation, feature_group_count=groups)[0]
    return y if p.get("bias") is None else y + p["bias"]


def conv_cases():
    cases = {}
    for name, (seed, cin, cout, kernel, stride, padding, dilation, groups, bias, hw) in {
        "general": (5, 4, 6, (3, 2), (2, 1), ((1, 0), (2, 1)), (1, 2), 2, True, (7, 9)),
        "default": (24, 3, 5, (3, 3), (1, 1), ((0, 0), (0, 0)), (1, 1), 1, True, (6, 5)),
        "same_no_bias": (25, 2, 4, (3, 3), (1, 1), ((1, 1), (1, 1)), (1, 1), 1, False, (5, 5)),
    }.items():
        p = conv_init(jax.random.key(seed), cin, cout, kernel, groups, bias)
        f = lambda p, x: conv(p, x, stride, padding, dilation, groups)
        x = inputs(26, cin, *hw)
        xs = inputs(27, 3, cin, *hw)
        ys = jax.vmap(lambda x: f(p, x))(xs)
        t = inputs(28, *ys.shape)

        def loss(p, xs):
            return jnp.mean((jax.vmap(lambda x: f(p, x))(xs) - t) ** 2)

        value, (grads, grad_xs) = jax.value_and_grad(loss, argnums=(0, 1))(p, xs)
        cases[name] = {
            "seed": seed, "in_channels": cin, "out_channels": cout, "kernel": list(kernel),
            "stride": list(stride), "padding": [v for pair in padding for v in pair],
            "dilation": list(dilation), "groups": groups, "use_bias": bias,
            "params": tree(p), "x": arr(x), "y": arr(f(p, x)),
            "xs": arr(xs), "ys": arr(ys), "targets": arr(t),
            "loss": float(value), "grads": tree(grads), "grad_xs": arr(grad_xs),
        }
    return cases


# ---------------------------------------------------------------------------- MaxPool2d
def max_pool(x, kernel, stride, padding, use_ceil):
    # equinox/nn/_pool.py:94-103 (_update_padding_for_ceil) and :128-150 (Pool.__call__), init -inf
    if use_ceil:
        padding = tuple(
            (lo, hi) if (n + lo + hi - k) % s == 0 else (lo, hi + s)
            for n, (lo, hi), k, s in zip(x.shape[1:], padding, kernel, stride))
    y = jnp.moveaxis(x, 0, -1)[None]
    y = lax.reduce_window(y, -jnp.inf, lax.max, (1,) + tuple(kernel) + (1,), (1,) + tuple(stride) + (1,),
                          ((0, 0),) + tuple(padding) + ((0, 0),))
    return jnp.moveaxis(y[0], -1, 0)


def pool_cases():
    cases = {}
    for name, (kernel, stride, padding, use_ceil, shape) in {
        "k3_s2_p1": ((3, 3), (2, 2), ((1, 1), (1, 1)), False, (2, 7, 8)),
        "k2x3_s2_ceil": ((2, 3), (2, 2), ((0, 0), (1, 0)), True, (3, 7, 6)),
        "k2_s1": ((2, 2), (1, 1), ((0, 0), (0, 0)), False, (1, 4, 5)),
    }.items():
        f = lambda x: max_pool(x, kernel, stride, padding, use_ceil)
        x = inputs(29, *shape)
        xs = inputs(30, 2, *shape)
        w = inputs(31, *f(x).shape)
        value, grad = jax.value_and_grad(lambda x: jnp.sum(f(x) * w))(x)
        cases[name] = {
            "kernel": list(kernel), "stride": list(stride), "padding": [v for pair in padding for v in pair],
            "use_ceil": use_ceil, "x": arr(x), "y": arr(f(x)), "xs": arr(xs), "ys": arr(jax.vmap(f)(xs)),
            "w": arr(w), "loss": float(value), "grad_x": arr(grad),
        }
    return cases


# ---------------------------------------------------------------------------- Sequential
def sequential_case():
    # equinox/nn/_sequential.py:97-106: layer i gets key i of split(key, len(layers))
    k1, k2 = jax.random.split(jax.random.key(32), 2)
    l1, l2 = linear_init(k1, 3, 8), linear_init(k2, 8, 2)
    p_drop = 0.2

    def seq(params, x, key):
        keys = jax.random.split(key, 4)
        x = linear(params[0], x)
        x = jnp.tanh(x)
        x = dropout(p_drop, x, keys[2])
        return linear(params[1], x)

    xs = inputs(33, 5, 3)
    keys = jax.random.split(jax.random.key(34), 5)
    t = inputs(35, 5, 2)

    def loss(params):
        return jnp.mean((jax.vmap(lambda x, k: seq(params, x, k))(xs, keys) - t) ** 2)

    value, grads = jax.value_and_grad(loss)([l1, l2])
    x = inputs(36, 3)
    return {
        "seed": 32, "dropout_p": p_drop, "layers": [tree(l1), tree(l2)],
        "x": arr(x), "key_seed": 37, "y": arr(seq([l1, l2], x, jax.random.key(37))),
        "xs": arr(xs), "batch_key_seed": 34, "targets": arr(t),
        "ys": arr(jax.vmap(lambda x, k: seq([l1, l2], x, k))(xs, keys)),
        "loss": float(value), "grads": [tree(g) for g in grads],
    }


def main():
    golden = {
        "jax": jax.__version__,
        "equinox_commit": "9336d820b2ef66b360fc6cb3611b3da5cefbb14d",
        "linear": linear_cases(),
        "mlp": mlp_cases(),
        "dropout": dropout_cases(),
        "layer_norm": {
            "affine": norm_case(layer_norm, (3, 4), 1e-5, 40),
            "no_weight": norm_case(layer_norm, (5,), 1e-3, 50, use_weight=False),
        },
        "rms_norm": {
            "affine": norm_case(rms_norm, (6,), 1e-5, 60),
            "no_bias": norm_case(rms_norm, (2, 3), 1e-6, 70, use_bias=False),
        },
        "embedding": embedding_cases(),
        "attention": mha_cases(),
        "conv2d": conv_cases(),
        "max_pool2d": pool_cases(),
        "sequential": sequential_case(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(golden, indent=1) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
