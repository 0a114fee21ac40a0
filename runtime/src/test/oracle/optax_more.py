"""Generates runtime/src/test/resources/optax_more.json with optax 0.2.8 (the project oracle).

Run: /work/oracle/bin/python runtime/src/test/oracle/optax_more.py
Starts from optax.json's params0 {w: 3x2, b: 2} and its six gradient trees, steps eagerly
(update + apply_updates, no jit: the way optax.json was made) and records the params after each
step, plus schedule values, injected learning rates and apply_if_finite counters.
"""
import json
import math
import os

import jax.numpy as jnp
import numpy as np
import optax

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(HERE, "..", "resources")
ref = json.load(open(os.path.join(RESOURCES, "optax.json")))


def arr(a):
    return jnp.asarray(np.array(a["data"], np.float32).reshape(a["shape"]))


def out(x):
    x = np.asarray(x, np.float32)
    return {"shape": list(x.shape), "data": [None if math.isnan(v) else float(v) for v in x.reshape(-1)]}


def tree(t):
    return {k: arr(v) for k, v in t.items()}


params0 = tree(ref["params0"])
grads = [tree(g) for g in ref["grads"]]

# A NaN enters w at steps 2, 4 and 5 (1-based): apply_if_finite rejects, then gives up.
nan_steps = {1, 3, 4}
nan_grads = [
    {"w": g["w"].at[0, 1].set(jnp.nan) if i in nan_steps else g["w"], "b": g["b"]}
    for i, g in enumerate(grads)
]

not_bias = lambda p: {"w": True, "b": False}
wd_sched = optax.linear_schedule(0.1, 0.0, 4)
lr_sched = optax.warmup_cosine_decay_schedule(0.0, 0.05, 2, 6, end_value=0.005)

# name -> (optax call as shown, transformation, grads variant)
OPTIMIZERS = [
    ("sgd_nesterov_schedule", "sgd(exponential_decay(0.1, 1, 0.8), momentum=0.5, nesterov=True)",
     optax.sgd(optax.exponential_decay(0.1, 1, 0.8), momentum=0.5, nesterov=True)),
    ("sgd_momentum_schedule", "sgd(linear_schedule(0.1, 0.01, 4), momentum=0.9)",
     optax.sgd(optax.linear_schedule(0.1, 0.01, 4), momentum=0.9)),
    ("adam_eps_root", "adam(0.01, eps_root=1e-8)", optax.adam(0.01, eps_root=1e-8)),
    ("adam_nesterov", "adam(0.02, b1=0.85, nesterov=True)", optax.adam(0.02, b1=0.85, nesterov=True)),
    ("nadamw", "nadamw(0.01, weight_decay=0.05)", optax.nadamw(0.01, weight_decay=0.05)),
    ("adamw_mask", "adamw(0.01, weight_decay=0.5, mask={'w': True, 'b': False})",
     optax.adamw(0.01, weight_decay=0.5, mask={"w": True, "b": False})),
    ("adamw_mask_callable", "adamw(0.01, weight_decay=0.5, mask=lambda p: {'w': True, 'b': False})",
     optax.adamw(0.01, weight_decay=0.5, mask=not_bias)),
    ("adamw_schedules", "adamw(lr_sched, weight_decay=linear_schedule(0.1, 0.0, 4))",
     optax.adamw(lr_sched, weight_decay=wd_sched)),
    ("rmsprop_centered", "rmsprop(0.01, centered=True)", optax.rmsprop(0.01, centered=True)),
    ("rmsprop_momentum", "rmsprop(0.01, decay=0.8, momentum=0.9)", optax.rmsprop(0.01, decay=0.8, momentum=0.9)),
    ("rmsprop_centered_momentum_nesterov", "rmsprop(0.01, centered=True, momentum=0.9, nesterov=True)",
     optax.rmsprop(0.01, centered=True, momentum=0.9, nesterov=True)),
    ("rmsprop_eps_outside_bias_corrected", "rmsprop(0.01, eps=1e-3, eps_in_sqrt=False, bias_correction=True, initial_scale=0.1)",
     optax.rmsprop(0.01, eps=1e-3, eps_in_sqrt=False, bias_correction=True, initial_scale=0.1)),
    ("rmsprop_centered_bias_corrected", "rmsprop(0.01, centered=True, bias_correction=True, eps_in_sqrt=False, initial_scale=1.0)",
     optax.rmsprop(0.01, centered=True, bias_correction=True, eps_in_sqrt=False, initial_scale=1.0)),
    ("adagrad_options", "adagrad(0.05, initial_accumulator_value=0.5, eps=1e-3)",
     optax.adagrad(0.05, initial_accumulator_value=0.5, eps=1e-3)),
    ("lion_decay_mask", "lion(0.003, b1=0.95, b2=0.98, weight_decay=0.2, mask={'w': True, 'b': False})",
     optax.lion(0.003, b1=0.95, b2=0.98, weight_decay=0.2, mask={"w": True, "b": False})),
    ("clip_sgd", "chain(clip(0.5), sgd(0.1))", optax.chain(optax.clip(0.5), optax.sgd(0.1))),
    ("clip_by_global_norm_adam", "chain(clip_by_global_norm(0.5), adam(0.01))",
     optax.chain(optax.clip_by_global_norm(0.5), optax.adam(0.01))),
    ("add_decayed_weights_sgd", "chain(add_decayed_weights(0.3), sgd(0.1))",
     optax.chain(optax.add_decayed_weights(0.3), optax.sgd(0.1))),
    ("add_decayed_weights_schedule", "chain(add_decayed_weights(exponential_decay(0.5, 2, 0.5)), sgd(0.1))",
     optax.chain(optax.add_decayed_weights(optax.exponential_decay(0.5, 2, 0.5)), optax.sgd(0.1))),
    ("scale_by_schedule", "chain(scale_by_rms(), scale_by_schedule(cosine_decay_schedule(-0.01, 5, alpha=0.1)))",
     optax.chain(optax.scale_by_rms(), optax.scale_by_schedule(optax.cosine_decay_schedule(-0.01, 5, alpha=0.1)))),
    ("trace_scale", "chain(trace(0.7), scale_by_learning_rate(0.05))",
     optax.chain(optax.trace(0.7), optax.scale_by_learning_rate(0.05))),
    ("multi_steps_3", "MultiSteps(adam(0.05), every_k_schedule=3)",
     optax.MultiSteps(optax.adam(0.05), every_k_schedule=3).gradient_transformation()),
    ("multi_steps_2_sum", "MultiSteps(sgd(0.1, momentum=0.9), every_k_schedule=2, use_grad_mean=False)",
     optax.MultiSteps(optax.sgd(0.1, momentum=0.9), every_k_schedule=2, use_grad_mean=False).gradient_transformation()),
    ("masked_adam", "chain(masked(scale_by_adam(), {'w': True, 'b': False}), scale(-0.01))",
     optax.chain(optax.masked(optax.scale_by_adam(), {"w": True, "b": False}), optax.scale(-0.01))),
    ("multi_transform", "multi_transform({'decay': adamw(0.01, weight_decay=0.5), 'plain': sgd(0.1)}, {'w': 'decay', 'b': 'plain'})",
     optax.multi_transform({"decay": optax.adamw(0.01, weight_decay=0.5), "plain": optax.sgd(0.1)},
                           {"w": "decay", "b": "plain"})),
    ("multi_transform_frozen", "multi_transform({'train': adam(0.01), 'frozen': set_to_zero()}, {'w': 'train', 'b': 'frozen'})",
     optax.multi_transform({"train": optax.adam(0.01), "frozen": optax.set_to_zero()}, {"w": "train", "b": "frozen"})),
    ("apply_if_finite_nan", "apply_if_finite(adam(0.01), max_consecutive_errors=2) on grads with NaN at steps 2, 4, 5",
     optax.apply_if_finite(optax.adam(0.01), max_consecutive_errors=2), "nan"),
    ("apply_if_finite_gives_up", "apply_if_finite(sgd(0.1), max_consecutive_errors=1) on grads with NaN at steps 2, 4, 5",
     optax.apply_if_finite(optax.sgd(0.1), max_consecutive_errors=1), "nan"),
    ("inject_adam_schedule", "inject_hyperparams(adam)(learning_rate=warmup_cosine_decay_schedule(0.0, 0.05, 2, 6, end_value=0.005))",
     optax.inject_hyperparams(optax.adam)(learning_rate=lr_sched)),
    ("inject_sgd_momentum", "inject_hyperparams(sgd)(learning_rate=0.1, momentum=0.9); learning_rate set to 0.02 after step 3",
     optax.inject_hyperparams(optax.sgd)(learning_rate=0.1, momentum=0.9)),
]

SCHEDULES = [
    ("constant", "constant_schedule(0.3)", optax.constant_schedule(0.3)),
    ("linear", "linear_schedule(0.1, 0.001, 7)", optax.linear_schedule(0.1, 0.001, 7)),
    ("linear_begin", "linear_schedule(0.0, 1.0, 5, transition_begin=3)", optax.linear_schedule(0.0, 1.0, 5, transition_begin=3)),
    ("polynomial", "polynomial_schedule(1.0, 0.1, 2.0, 8, transition_begin=2)", optax.polynomial_schedule(1.0, 0.1, 2.0, 8, transition_begin=2)),
    ("polynomial_cubic", "polynomial_schedule(0.5, 0.0, 3, 6)", optax.polynomial_schedule(0.5, 0.0, 3, 6)),
    ("exponential", "exponential_decay(0.1, 3, 0.5)", optax.exponential_decay(0.1, 3, 0.5)),
    ("exponential_staircase", "exponential_decay(0.1, 3, 0.5, staircase=True)", optax.exponential_decay(0.1, 3, 0.5, staircase=True)),
    ("exponential_begin_end", "exponential_decay(1.0, 2, 0.7, transition_begin=4, end_value=0.3)",
     optax.exponential_decay(1.0, 2, 0.7, transition_begin=4, end_value=0.3)),
    ("exponential_growth_end", "exponential_decay(0.01, 1, 1.5, end_value=0.05)", optax.exponential_decay(0.01, 1, 1.5, end_value=0.05)),
    ("cosine", "cosine_decay_schedule(0.1, 10)", optax.cosine_decay_schedule(0.1, 10)),
    ("cosine_alpha_exponent", "cosine_decay_schedule(1.0, 7, alpha=0.2, exponent=2.0)",
     optax.cosine_decay_schedule(1.0, 7, alpha=0.2, exponent=2.0)),
    ("warmup_cosine", "warmup_cosine_decay_schedule(0.0, 1.0, 3, 12)", optax.warmup_cosine_decay_schedule(0.0, 1.0, 3, 12)),
    ("warmup_cosine_end", "warmup_cosine_decay_schedule(0.01, 0.1, 4, 15, end_value=0.001)",
     optax.warmup_cosine_decay_schedule(0.01, 0.1, 4, 15, end_value=0.001)),
    ("warmup_cosine_exponent", "warmup_cosine_decay_schedule(0.0, 0.5, 2, 9, end_value=0.05, exponent=1.5)",
     optax.warmup_cosine_decay_schedule(0.0, 0.5, 2, 9, end_value=0.05, exponent=1.5)),
    ("warmup_exponential", "warmup_exponential_decay_schedule(0.0, 0.2, 3, 2, 0.5, transition_begin=1, end_value=0.02)",
     optax.warmup_exponential_decay_schedule(0.0, 0.2, 3, 2, 0.5, transition_begin=1, end_value=0.02)),
    ("piecewise_constant", "piecewise_constant_schedule(0.1, {3: 0.5, 6: 0.1})",
     optax.piecewise_constant_schedule(0.1, {3: 0.5, 6: 0.1})),
    ("join", "join_schedules([constant_schedule(0.5), linear_schedule(0.5, 0.1, 4), exponential_decay(0.1, 2, 0.5)], [3, 8])",
     optax.join_schedules([optax.constant_schedule(0.5), optax.linear_schedule(0.5, 0.1, 4), optax.exponential_decay(0.1, 2, 0.5)], [3, 8])),
]
SCHEDULE_STEPS = 20


def snapshot(state):
    """The scalars the Java test compares, read before any later edit of the (mutable) state."""
    out = {}
    if hasattr(state, "notfinite_count"):
        out["notfinite_count"] = int(state.notfinite_count)
        out["total_notfinite"] = int(state.total_notfinite)
        out["last_finite"] = bool(state.last_finite)
    if hasattr(state, "hyperparams"):
        out["learning_rate"] = float(state.hyperparams["learning_rate"])
    return out


def run(tx, gs, edit=None):
    state = tx.init(params0)
    params = params0
    trajectory, snapshots = [], []
    for i, g in enumerate(gs):
        updates, state = tx.update(g, state, params)
        params = optax.apply_updates(params, updates)
        trajectory.append({k: out(v) for k, v in params.items()})
        snapshots.append(snapshot(state))
        if edit is not None:
            state = edit(i, state)
    return trajectory, snapshots


cases = []
for entry in OPTIMIZERS:
    name, call, tx = entry[:3]
    gs = nan_grads if len(entry) > 3 else grads
    edit = None
    if name == "inject_sgd_momentum":
        def edit(i, state):
            if i == 2:
                state.hyperparams["learning_rate"] = jnp.asarray(0.02, jnp.float32)
            return state
    trajectory, states = run(tx, gs, edit)
    case = {"name": name, "optimizer": call, "params_after_each_step": trajectory}
    if len(entry) > 3:
        case["nan_grad_steps"] = sorted(s + 1 for s in nan_steps)
        for key in ("notfinite_count", "total_notfinite", "last_finite"):
            case[key] = [s[key] for s in states]
    if name.startswith("inject_"):
        case["learning_rate_after_each_step"] = [s["learning_rate"] for s in states]
    cases.append(case)

schedules = []
for name, call, fn in SCHEDULES:
    values = [float(np.float32(fn(jnp.asarray(step, jnp.int32)))) for step in range(SCHEDULE_STEPS + 1)]
    schedules.append({"name": name, "schedule": call, "values": values})

doc = {
    "description": "optax " + optax.__version__ + ": params after each eager update + apply_updates step from "
                   "optax.json's params0 and grads (grads with NaN in w[0,1] where nan_grad_steps says); "
                   "schedule values at int32 steps 0.." + str(SCHEDULE_STEPS) + ".",
    "params0": {k: out(v) for k, v in params0.items()},
    "grads": [{k: out(v) for k, v in g.items()} for g in grads],
    "nan_grads": [{k: out(v) for k, v in g.items()} for g in nan_grads],
    "cases": cases,
    "schedules": schedules,
}
with open(os.path.join(RESOURCES, "optax_more.json"), "w") as f:
    json.dump(doc, f)
print(len(cases), "optimizer cases,", len(schedules), "schedules")
