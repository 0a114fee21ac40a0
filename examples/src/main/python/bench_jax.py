"""The `solstice-examples bench` workloads in JAX (jit) and numpy, for side-by-side ratios.

Prints one line per figure, `NAME VALUE UNIT`, with the names and units of the Java command
(plus `numpy_matmul512`/`numpy_matmul1024`), each the median of several timed iterations after
warm-up iterations, as JMH does: an iteration repeats the operation for about a second and reports
its mean time per operation.

    python bench_jax.py [NAME...] [--quick]

Needs jax, optax and numpy (jaxtyping and beartype for shapecheck_overhead). Not run by tests.
"""

import argparse
import statistics
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax
from beartype import beartype
from jaxtyping import Array, Float, jaxtyped

from jax_mlp import mlp_forward, mlp_init

STANDARD = dict(warmup=5, measure=7, seconds=1.0)
QUICK = dict(warmup=1, measure=3, seconds=0.1)


def median_seconds(operation, warmup, measure, seconds):
    """Median over `measure` iterations of the mean time of `operation()`, after `warmup` iterations."""
    means = []
    for iteration in range(warmup + measure):
        count = 0
        start = time.perf_counter()
        elapsed = 0.0
        while elapsed < seconds:
            operation()
            count += 1
            elapsed = time.perf_counter() - start
        if iteration >= warmup:
            means.append(elapsed / count)
    return statistics.median(means)


def train_step(loss, optimizer):
    """A jitted step: loss and gradients, optimizer update, new parameters (as the Java step)."""

    @jax.jit
    def step(params, state, *data):
        value, grads = jax.value_and_grad(loss)(params, *data)
        updates, state = optimizer.update(grads, state, params)
        return optax.apply_updates(params, updates), state, value

    return step


def timed_training(step, params, state, data, settings):
    """Median seconds of one step, the parameters and state carrying over as in training."""
    carry = [params, state]

    def one_step():
        carry[0], carry[1], value = step(carry[0], carry[1], *data)
        value.block_until_ready()

    return median_seconds(one_step, **settings)


def seed_step_seconds(settings, check_shapes):
    """W1: the seed's full-batch step, 1000x1 standardised polynomial data, MLP 1-32-1 tanh, sgd(0.01)."""
    key = jax.random.key(21)
    key, noise_key = jax.random.split(key)
    x = jnp.linspace(-10, 10, 1000).reshape(1000, 1)
    y = jnp.polyval(jnp.array([1.0, -2.0, 1.0, -2.0]), x) + jax.random.normal(noise_key, (1000, 1))
    x = (x - x.mean()) / x.std()
    y = (y - y.mean()) / y.std()
    params = mlp_init(jax.random.split(key)[1], [1, 32, 1])
    forward = jax.vmap(lambda p, xi: mlp_forward(p, xi, jnp.tanh), in_axes=(None, 0))

    def mse(params, x: Float[Array, "batch 1"], y: Float[Array, "batch 1"]) -> Float[Array, ""]:
        return jnp.mean((y - forward(params, x)) ** 2)

    loss = jaxtyped(typechecker=beartype)(mse) if check_shapes else mse
    optimizer = optax.sgd(0.01)
    return timed_training(train_step(loss, optimizer), params, optimizer.init(params), (x, y), settings)


def mlp_step_seconds(settings):
    """W2: MLP 784-256-256-10 relu, batch 128 of random data, mean softmax cross-entropy, adam(1e-3)."""
    data_key, label_key, model_key = jax.random.split(jax.random.key(0), 3)
    x = jax.random.normal(data_key, (128, 784))
    labels = jax.random.randint(label_key, (128,), 0, 10)
    params = mlp_init(model_key, [784, 256, 256, 10])
    forward = jax.vmap(lambda p, xi: mlp_forward(p, xi, jax.nn.relu), in_axes=(None, 0))

    def loss(params, x, labels):
        return optax.softmax_cross_entropy_with_integer_labels(forward(params, x), labels).mean()

    optimizer = optax.adam(1e-3)
    return timed_training(train_step(loss, optimizer), params, optimizer.init(params), (x, labels), settings)


def mlp_epoch_seconds(settings):
    """W2_mlp_epoch: the fashion recipe's epoch on random data of Fashion-MNIST's size (60000 x 784
    normal inputs, uniform labels), a fresh order each epoch, 469 jitted steps that gather their
    batch (as fashion_jax.py), the last step's loss waited for."""
    data_key, label_key, model_key, order_key = jax.random.split(jax.random.key(0), 4)
    examples, batch = 60000, 128
    x = jax.random.normal(data_key, (examples, 784))
    labels = jax.random.randint(label_key, (examples,), 0, 10)
    params = mlp_init(model_key, [784, 256, 256, 10])
    forward = jax.vmap(lambda p, xi: mlp_forward(p, xi, jax.nn.relu), in_axes=(None, 0))
    optimizer = optax.adam(1e-3)

    @jax.jit
    def step(params, state, indices):
        def loss(params):
            return optax.softmax_cross_entropy_with_integer_labels(forward(params, x[indices]), labels[indices]).mean()

        value, grads = jax.value_and_grad(loss)(params)
        updates, state = optimizer.update(grads, state, params)
        return optax.apply_updates(params, updates), state, value

    carry = [params, optimizer.init(params), 0]

    def one_epoch():
        order = np.asarray(jax.random.permutation(jax.random.fold_in(order_key, carry[2]), examples))
        carry[2] += 1
        for first in range(0, examples, batch):
            carry[0], carry[1], value = step(carry[0], carry[1], order[first : first + batch])
        value.block_until_ready()

    return median_seconds(one_epoch, **settings)


def matmul_gigaflops(size, settings, use_numpy):
    """W3: f32 square matmul, 2n^3 flops, through jit(jnp.matmul) or numpy."""
    a_key, b_key = jax.random.split(jax.random.key(0))
    a = jax.random.normal(a_key, (size, size))
    b = jax.random.normal(b_key, (size, size))
    if use_numpy:
        a, b = np.asarray(a), np.asarray(b)
        seconds = median_seconds(lambda: a @ b, **settings)
    else:
        matmul = jax.jit(jnp.matmul)
        seconds = median_seconds(lambda: matmul(a, b).block_until_ready(), **settings)
    return 2.0 * size**3 / seconds / 1e9


def vmap_speedup(settings):
    """Batch 1024 through MLP 64-256-256-10 relu: a loop of jitted single-sample calls / one jitted vmap call."""
    model_key, data_key = jax.random.split(jax.random.key(0))
    params = mlp_init(model_key, [64, 256, 256, 10])
    batch = jax.random.normal(data_key, (1024, 64))
    samples = [batch[i] for i in range(1024)]
    single = jax.jit(lambda p, xi: mlp_forward(p, xi, jax.nn.relu))
    batched = jax.jit(jax.vmap(lambda p, xi: mlp_forward(p, xi, jax.nn.relu), in_axes=(None, 0)))

    def per_sample():
        jax.block_until_ready([single(params, xi) for xi in samples])

    loop = median_seconds(per_sample, **settings)
    vectorised = median_seconds(lambda: batched(params, batch).block_until_ready(), **settings)
    return loop / vectorised


def figures(settings):
    """Name -> (unit, function computing the value); shared measurements are made once."""
    seed = {}

    def seed_seconds(check_shapes):
        if check_shapes not in seed:
            seed[check_shapes] = seed_step_seconds(settings, check_shapes)
        return seed[check_shapes]

    return {
        "W1_seed_step": ("us", lambda: seed_seconds(False) * 1e6),
        "W2_mlp_step": ("ms", lambda: mlp_step_seconds(settings) * 1e3),
        "W2_mlp_epoch": ("s", lambda: mlp_epoch_seconds(settings)),
        "W3_matmul512": ("GFLOP/s", lambda: matmul_gigaflops(512, settings, use_numpy=False)),
        "W3_matmul1024": ("GFLOP/s", lambda: matmul_gigaflops(1024, settings, use_numpy=False)),
        "numpy_matmul512": ("GFLOP/s", lambda: matmul_gigaflops(512, settings, use_numpy=True)),
        "numpy_matmul1024": ("GFLOP/s", lambda: matmul_gigaflops(1024, settings, use_numpy=True)),
        "vmap_speedup": ("x", lambda: vmap_speedup(settings)),
        "shapecheck_overhead": ("%", lambda: (seed_seconds(True) / seed_seconds(False) - 1) * 100),
    }


def main():
    table = figures(STANDARD)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="figures (default: all): " + ", ".join(table))
    parser.add_argument("--quick", action="store_true", help="few short iterations: a smoke test")
    args = parser.parse_args()
    unknown = [name for name in args.names if name not in table]
    if unknown:
        parser.error(f"no figure named {', '.join(unknown)}; expected one of {', '.join(table)}")
    if args.quick:
        table = figures(QUICK)
    print(f"kernel xla-{jax.default_backend()} -", flush=True)
    for name in args.names or list(table):
        unit, value = table[name]
        print(f"{name} {value():.3f} {unit}", flush=True)


if __name__ == "__main__":
    main()
