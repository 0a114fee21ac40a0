"""The `fashion` example in JAX with the same keys, initialisation, batch order, loss and adam.

Run with the oracle (JAX 0.10.2, optax 0.2.8): `python fashion_reference.py SEED`. It prints the mean
training loss of each epoch and the test accuracy, to compare with
`java -jar examples/target/solstice-examples.jar fashion --seed SEED`. No test runs it.
"""
import gzip, sys, time
import numpy as np, jax, jax.numpy as jnp, optax

def idx(path):
    with gzip.open(path) as f:
        data = f.read()
    rank = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(rank)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * rank).reshape(shape)

d = '/usr/share/datasets/fashion-mnist/'
xtr = idx(d + 'train-images-idx3-ubyte.gz').reshape(60000, -1).astype(np.float32) / 255
ytr = idx(d + 'train-labels-idx1-ubyte.gz').astype(np.int32)
xte = idx(d + 't10k-images-idx3-ubyte.gz').reshape(10000, -1).astype(np.float32) / 255
yte = idx(d + 't10k-labels-idx1-ubyte.gz').astype(np.int32)

def linear(key, i, o):
    k = jax.random.split(key, 2)
    lim = 1 / np.sqrt(i)
    return (jax.random.uniform(k[0], (o, i), minval=-lim, maxval=lim), jax.random.uniform(k[1], (o,), minval=-lim, maxval=lim))

def init(key, sizes):
    keys = jax.random.split(key, len(sizes) - 1)
    return [linear(k, a, b) for k, a, b in zip(keys, sizes[:-1], sizes[1:])]

def forward(params, x):
    for w, b in params[:-1]:
        x = jax.nn.relu(w @ x + b)
    w, b = params[-1]
    return w @ x + b

def loss(params, x, y):
    return optax.softmax_cross_entropy_with_integer_labels(jax.vmap(forward, (None, 0))(params, x), y).mean()

seed = int(sys.argv[1])
key = jax.random.key(seed)
kinit, korder = jax.random.split(key, 2)
params = init(kinit, [784, 256, 256, 10])
opt = optax.adam(1e-3)
state = opt.init(params)

@jax.jit
def step(params, state, x, y):
    l, g = jax.value_and_grad(loss)(params, x, y)
    u, state = opt.update(g, state, params)
    return optax.apply_updates(params, u), state, l

B = 128
spe = (60000 + B - 1) // B
for epoch in range(3):
    order = np.asarray(jax.random.permutation(jax.random.fold_in(korder, epoch), 60000))
    ls = []
    for i in range(spe):
        idxs = order[i * B:(i + 1) * B]
        params, state, l = step(params, state, xtr[idxs], ytr[idxs])
        ls.append(float(l))
    print(f'epoch {epoch + 1} loss {np.mean(ls):.4f}')
pred = jax.vmap(forward, (None, 0))(params, xte).argmax(1)
print(f'seed {seed} test accuracy: {float((pred == yte).mean()):.4f}')
