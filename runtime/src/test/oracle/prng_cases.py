"""Generates src/test/resources/dev/solstice/runtime/random/prng_cases.json with jax 0.10.2.

Run with the project's oracle interpreter (jax, numpy installed), from the runtime module:
    python src/test/oracle/prng_cases.py
Each case names a key (a seed and a path of split/fold_in steps), optionally turned into a key
array by splitting (`vmap`: shape of the key array, built by nested vmap'd splits), an operation
and its arguments, and JAX's result. KeyTest replays every case through dev.solstice.runtime.random.Key.
"""
import json
import os

import jax
import jax.numpy as jnp
import numpy as np

assert jax.__version__ == "0.10.2", jax.__version__
assert jax.config.jax_threefry_partitionable

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "dev", "solstice", "runtime", "random",
                   "prng_cases.json")


def make_key(seed, path):
    key = jax.random.key(seed)
    for step in path:
        if step[0] == "split":
            key = jax.random.split(key, step[1])[step[2]]
        else:
            key = jax.random.fold_in(key, step[1])
    return key


def key_array(key, shape):
    """Nested vmap'd splits: the Java side is key.splitArray(shape[0]).splitArray(shape[1])..."""
    keys = jax.random.split(key, shape[0])
    for n in shape[1:]:
        split = lambda k, n=n: jax.random.split(k, n)
        for _ in range(keys.ndim - 1):
            split = jax.vmap(split)
        keys = jax.vmap(split)(keys)
    return keys


OPS = {
    "key_data": lambda k, a: jax.random.key_data(k),
    "split": lambda k, a: jax.random.key_data(jax.random.split(k, a["n"])),
    "fold_in": lambda k, a: jax.random.key_data(jax.random.fold_in(k, a["data"] % 2**32)),
    "bits": lambda k, a: jax.random.bits(k, tuple(a["shape"])),
    "uniform": lambda k, a: jax.random.uniform(k, tuple(a["shape"]), minval=a.get("min", 0.0),
                                               maxval=a.get("max", 1.0)),
    "normal": lambda k, a: jax.random.normal(k, tuple(a["shape"])),
    "bernoulli": lambda k, a: jax.random.bernoulli(k, a["p"], tuple(a["shape"])).astype(jnp.int32),
    "randint": lambda k, a: jax.random.randint(k, tuple(a["shape"]), a["min"], a["max"]),
    "permutation": lambda k, a: jax.random.permutation(k, a["n"]),
}


def run(seed, path, vmap, op, args):
    key = make_key(seed, path)
    f = lambda k: OPS[op](k, args)
    if vmap:
        key = key_array(key, vmap)
        for _ in vmap:
            f = jax.vmap(f)
    out = np.asarray(f(key))
    if out.dtype == np.float32:
        data = [float(x) for x in out.ravel()]
    else:
        data = [int(x) for x in out.ravel()]
    return {"shape": list(out.shape), "dtype": str(out.dtype), "data": data}


cases = []


def case(op, seed=0, path=(), vmap=None, **args):
    c = {"op": op, "seed": seed, "path": [list(s) for s in path], "vmap": vmap or [], "args": args}
    c["expected"] = run(seed, path, vmap, op, args)
    cases.append(c)


SEEDS = [0, 7, 2**32 + 3, -5, 2**40 + 9, 2**63 - 1, -(2**63), 987654321]
DERIVED = [("split", 3, 1), ("fold_in", 99)]

for s in SEEDS:
    case("key_data", seed=s)
    case("split", seed=s, n=5)
    case("uniform", seed=s, shape=[5])
for d in [0, 1, 123456, 2**31 - 1, 2**31, 2**32 - 1, 3_000_000_000]:
    case("fold_in", seed=42, data=d)
case("split", seed=42, n=1)
case("split", seed=42, n=0)
case("split", seed=42, path=DERIVED, n=7)

for shape in [[], [1], [7], [3, 5], [2, 3, 4], [0], [1000]]:
    case("bits", seed=11, shape=shape)
for shape in [[], [1], [9], [3, 7], [2, 3, 5], [4096]]:
    case("uniform", seed=12, shape=shape)
for lo, hi in [(-0.1, 0.1), (-3.0, 5.0), (10.0, 1000.0), (-1e-3, 1e-3), (-0.0625, 0.0625),
               (5.0, 5.0), (2.0, -1.0), (-1e6, 1e6)]:
    case("uniform", seed=13, path=DERIVED, shape=[257], min=lo, max=hi)
for shape in [[], [1], [7], [4, 5], [3, 1, 3], [1000], [1001], [4099]]:
    case("normal", seed=14, shape=shape)
for s in [1, 2, 3]:
    case("normal", seed=s, path=DERIVED, shape=[1000])
for p in [0.0, 0.1, 0.5, 0.9, 1.0]:
    case("bernoulli", seed=15, shape=[1000], p=p)
case("bernoulli", seed=15, shape=[3, 4], p=0.3)
for lo, hi, shape in [(0, 10, [20]), (-5, 5, [3, 4]), (0, 1, [8]), (3, 3, [5]), (10, 3, [5]),
                      (-2**31, 2**31 - 1, [50]), (0, 2**31 - 1, [50]), (-1000, 1000000, [50]),
                      (0, 256, [1000]), (-7, 0, [])]:
    case("randint", seed=16, shape=shape, min=lo, max=hi)
for n in [0, 1, 2, 5, 100, 1000, 1625, 1626, 3000]:
    case("permutation", seed=17, n=n)
case("permutation", seed=17, path=DERIVED, n=50)

# Key arrays: draws per key, as jax.vmap over jax.random.split(key, n).
case("key_data", seed=18, vmap=[4])
case("uniform", seed=18, vmap=[4], shape=[3])
case("uniform", seed=18, vmap=[4], shape=[2, 3], min=-2.0, max=0.5)
case("normal", seed=18, vmap=[4], shape=[5])
case("bits", seed=18, vmap=[3], shape=[2, 2])
case("bernoulli", seed=18, vmap=[6], shape=[7], p=0.5)
case("randint", seed=18, vmap=[4], shape=[6], min=-3, max=9)
case("permutation", seed=18, vmap=[4], n=10)
case("split", seed=18, vmap=[4], n=3)
case("fold_in", seed=18, vmap=[4], data=5)
case("uniform", seed=19, vmap=[2, 3], shape=[4])
case("normal", seed=19, vmap=[2, 3], shape=[])
case("key_data", seed=19, vmap=[2, 3])


def normal_of_bits():
    """jax.random.normal as a function of the raw words: only their top 23 bits matter, so the
    2^23 possible draws are indexed by m = word >>> 9. Picks the extremes of both tails, the centre,
    both switches of erfinv's polynomials (w = 5) and of log1p's branches (|x^2| = sqrt(2) - 1),
    plus a random sample, and evaluates them with jax.random.normal's own kernel by substituting
    the words for the threefry output."""
    low = np.nextafter(np.float32(-1), np.float32(0))
    unit = (np.arange(2**23, dtype=np.uint32) | np.uint32(0x3F800000)).view(np.float32) - np.float32(1)
    x = np.maximum(np.float32(2) * unit + low, low)
    w = -np.log1p(-(x.astype(np.float64) ** 2))
    picks = set(range(64)) | set(range(2**23 - 64, 2**23)) | set(range(2**22 - 64, 2**22 + 64))
    for edge in list(np.nonzero(np.diff(w < 5))[0]) + list(np.nonzero(np.diff(x * x < 0.41421356))[0]):
        picks |= set(range(max(0, edge - 100), min(2**23, edge + 100)))
    picks |= set(np.random.default_rng(0).integers(0, 2**23, 3000).tolist())
    words = np.array(sorted(picks), dtype=np.uint32) << np.uint32(9)
    words |= np.random.default_rng(1).integers(0, 512, len(words)).astype(np.uint32)  # ignored low bits

    import jax._src.random.core as random_core

    # The words must reach the kernel as a run-time argument: as a constant, XLA would fold the
    # whole computation at compile time with its (differently rounding) constant evaluator.
    @jax.jit
    def normal_of(words):
        random_core._random_bits = lambda key, bit_width, shape: words.reshape(shape)
        return jax.random.normal(jax.random.key(0), words.shape)

    jax.clear_caches()
    real_bits = random_core._random_bits
    try:
        out = np.asarray(normal_of(jnp.asarray(words)))
    finally:
        random_core._random_bits = real_bits
        jax.clear_caches()
    return {"bits": [int(b) for b in words], "normal": [float(v) for v in out]}


with open(OUT, "w") as f:
    json.dump({"jax_version": jax.__version__, "generator": "src/test/oracle/prng_cases.py",
               "cases": cases, "normal_of_bits": normal_of_bits()}, f, separators=(",", ":"))
print(len(cases), "cases ->", os.path.normpath(OUT), os.path.getsize(OUT), "bytes")
