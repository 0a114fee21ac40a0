# Generates runtime/src/test/resources/oracle/matmul.json: numpy matmul rank cases and JAX gradients.
import json, numpy as np, jax, jax.numpy as jnp
rng = np.random.default_rng(0)
shapes = [((4,), (4,)), ((4,), (4, 3)), ((3, 4), (4,)), ((2, 3), (3, 4)), ((2, 3, 4), (4, 5)),
          ((2, 1, 3, 4), (5, 4, 2)), ((4,), (2, 4, 3)), ((2, 3, 4), (4,)), ((1, 3, 4), (2, 4, 2)),
          ((3, 4), (2, 1, 4, 2))]
cases = []
def arr(x): return {"shape": list(x.shape), "data": [float(v) for v in np.asarray(x).ravel()]}
for sa, sb in shapes:
    a = rng.uniform(-1, 1, sa).astype(np.float32); b = rng.uniform(-1, 1, sb).astype(np.float32)
    out = np.matmul(a, b)
    w = rng.uniform(-1, 1, out.shape).astype(np.float32)
    ga, gb = jax.grad(lambda a, b: jnp.sum(jnp.matmul(a, b) * w), argnums=(0, 1))(a, b)
    cases.append({"a": arr(a), "b": arr(b), "out": arr(out), "w": arr(w), "grad_a": arr(ga), "grad_b": arr(gb)})
json.dump({"description": "numpy.matmul rank cases; grad_a/grad_b = jax.grad of sum(matmul(a, b) * w)", "cases": cases},
          open("runtime/src/test/resources/oracle/matmul.json", "w"))
