/**
 * Optax for Solstice: gradient transformations, optimizers and schedules with Optax 0.2.8's
 * definitions and float32 arithmetic, so a training run follows Optax's trajectory.
 *
 * <ul>
 *   <li>{@link dev.solstice.runtime.optim.GradientTransformation}: {@code init} and {@code update},
 *       pure functions of immutable state; typed methods for generated model types.
 *   <li>{@link dev.solstice.runtime.optim.Optax}: the optimizers ({@code sgd}, {@code adam}, {@code
 *       adamw}, {@code rmsprop}, {@code adagrad}, {@code lion}) and transformations ({@code chain},
 *       {@code clipByGlobalNorm}, {@code masked}, {@code multiTransform}, {@code multiSteps}, {@code
 *       applyIfFinite}, {@code injectHyperparams}, ...).
 *   <li>{@link dev.solstice.runtime.optim.Schedules}: learning-rate schedules, accepted wherever a
 *       learning rate or weight decay is.
 *   <li>{@link dev.solstice.runtime.optim.OptState}: the state, a tree of named tensors ({@code
 *       "0.mu.l1.weight"}) that a checkpoint can hold; {@link
 *       dev.solstice.runtime.optim.TrainState} carries it together with the model.
 * </ul>
 *
 * <pre>{@code
 * GradientTransformation opt = Optax.chain(
 *     Optax.clipByGlobalNorm(1.0),
 *     Optax.adamw(Schedules.warmupCosineDecay(0.0, 1e-3, 100, 5000)).withMask(p -> !p.endsWith("bias")));
 * OptState<Mlp> state = opt.init(MlpTree.INSTANCE, model);
 * for (int i = 0; i < steps; i++) {
 *   ValueAndGrad<MlpGrad> vg = MlpTree.valueAndGrad(model, m -> loss(m, x, y));
 *   Update<MlpGrad, Mlp> step = opt.update(vg.grad(), state, model);
 *   model = MlpTree.applyUpdates(model, step.updates());
 *   state = step.state();
 * }
 * }</pre>
 */
package dev.solstice.runtime.optim;
