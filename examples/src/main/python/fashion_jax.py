"""The `solstice-examples fashion` recipe in JAX, to compare epoch times.

MLP 784-256-256-10 with relu (equinox.nn.MLP's layout and initialisation, written by hand), mean
softmax cross-entropy with integer labels, optax.adam(1e-3), batches of 128 in a fresh order each
epoch (`permutation(fold_in(key, epoch))`, the last batch of an epoch smaller, as in the Java
command), 3 epochs, then the accuracy on the 10000 test images. The training step (gather of the
batch, loss, gradients, update) is one jitted function. Prints one line per epoch with its wall
time, measured to the end of its last step, and ends with `test accuracy: 0.xxxx`.

    python fashion_jax.py [--data DIR] [--epochs N] [--batch N] [--lr X] [--seed N]

Needs jax, optax and numpy. Not run by tests.
"""

import argparse
import gzip
import os
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax

from jax_mlp import mlp_forward, mlp_init


def read_idx(path):
    """An IDX file (gzipped or not) as a numpy array of its dimensions."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise ValueError(f"{path}: not an IDX file of unsigned bytes")
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def load(directory, prefix):
    """Images flattened to [n, 784] float32 in [0, 1], and int32 labels."""
    images = read_idx(os.path.join(directory, f"{prefix}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(directory, f"{prefix}-labels-idx1-ubyte.gz"))
    return images.reshape(images.shape[0], -1).astype(np.float32) / 255.0, labels.astype(np.int32)


forward = jax.vmap(lambda layers, x: mlp_forward(layers, x, jax.nn.relu), in_axes=(None, 0))


def loss(params, images, labels):
    return optax.softmax_cross_entropy_with_integer_labels(forward(params, images), labels).mean()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    train_x, train_y = (jnp.asarray(a) for a in load(args.data, "train"))
    test_x, test_y = (jnp.asarray(a) for a in load(args.data, "t10k"))
    examples = train_x.shape[0]
    print(f"fashion_jax: {examples} training and {test_x.shape[0]} test images of {train_x.shape[1]} pixels"
          f" on {jax.devices()[0].platform}")

    model_key, order_key = jax.random.split(jax.random.key(args.seed))
    params = mlp_init(model_key, [train_x.shape[1], 256, 256, 10])
    optimizer = optax.adam(args.lr)
    state = optimizer.init(params)

    @jax.jit
    def step(params, state, indices):
        value, grads = jax.value_and_grad(loss)(params, train_x[indices], train_y[indices])
        updates, state = optimizer.update(grads, state, params)
        return optax.apply_updates(params, updates), state, value

    @jax.jit
    def correct(params, images, labels):
        return jnp.sum(jnp.argmax(forward(params, images), axis=1) == labels)

    for epoch in range(args.epochs):
        start = time.perf_counter()
        # On the host, so that taking a batch of it is a numpy slice, not a JAX op per distinct slice.
        order = np.asarray(jax.random.permutation(jax.random.fold_in(order_key, epoch), examples))
        losses = []
        for first in range(0, examples, args.batch):
            params, state, value = step(params, state, order[first : first + args.batch])
            losses.append(value)
        mean_loss = float(jnp.mean(jnp.stack(losses)))  # waits for the last step
        seconds = time.perf_counter() - start
        steps = len(losses)
        print(f"epoch {epoch + 1}/{args.epochs} | train loss {mean_loss:.4f} | {seconds:.2f} s"
              f" ({steps / seconds:.1f} steps/s)")

    hits = sum(int(correct(params, test_x[i : i + 1000], test_y[i : i + 1000])) for i in range(0, test_x.shape[0], 1000))
    print(f"test accuracy: {hits / test_x.shape[0]:.4f}")


if __name__ == "__main__":
    main()
