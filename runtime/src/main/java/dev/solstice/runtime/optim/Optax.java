package dev.solstice.runtime.optim;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Pytree;
import dev.solstice.runtime.tree.TreeDef;
import dev.solstice.runtime.tree.Trees;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Optax for Solstice: optimizers and the gradient transformations they are chained from, with
 * Optax's names, defaults and arithmetic (float32, Optax's order of operations), so a trajectory
 * matches Optax 0.2.8's. Learning rates and weight decays take a number or a {@link Schedule}
 * ({@link Schedules}).
 *
 * <pre>{@code
 * GradientTransformation opt = Optax.chain(
 *     Optax.clipByGlobalNorm(1.0),
 *     Optax.adamw(Schedules.warmupCosineDecay(0, 1e-3, 100, 10_000))
 *         .withWeightDecay(0.05)
 *         .withMask(path -> !path.endsWith("bias")));
 * }</pre>
 */
public final class Optax {
  private Optax() {}

  // ---- combinators ----

  /** Applies {@code parts} in order, each to the previous one's output ({@code optax.chain}). */
  public static GradientTransformation chain(GradientTransformation... parts) {
    return new Chain(List.of(parts));
  }

  /** Leaves updates unchanged ({@code optax.identity}). */
  public static GradientTransformation identity() {
    return new Identity();
  }

  /** Replaces updates by zeros ({@code optax.set_to_zero}); with {@link #multiTransform}, freezes a group. */
  public static GradientTransformation setToZero() {
    return new SetToZero();
  }

  /** Applies {@code inner} only to the leaves {@code mask} selects; others pass unchanged ({@code optax.masked}). */
  public static GradientTransformation masked(GradientTransformation inner, LeafMask mask) {
    return new Masked(inner, mask);
  }

  /** {@link #masked(GradientTransformation, LeafMask)} selecting by path, e.g. {@code path -> path.startsWith("encoder.")}. */
  public static GradientTransformation masked(GradientTransformation inner, Predicate<String> mask) {
    return masked(inner, LeafMask.byPath(mask));
  }

  /**
   * A transformation per group of leaves ({@code optax.multi_transform}): {@code labels} names
   * each leaf's group from its path and tensor, and {@code transforms} has one transformation per
   * label.
   */
  public static GradientTransformation multiTransform(
      Map<String, GradientTransformation> transforms, BiFunction<String, Tensor, String> labels) {
    return new MultiTransform(transforms, labels);
  }

  /** {@link #multiTransform(Map, BiFunction)} labelling by path, e.g. {@code path -> path.endsWith("bias") ? "plain" : "decay"}. */
  public static GradientTransformation multiTransform(
      Map<String, GradientTransformation> transforms, Function<String, String> labels) {
    return multiTransform(transforms, (path, leaf) -> labels.apply(path));
  }

  /**
   * Skips (zero updates, state kept) steps whose updates are not all finite, unless more than
   * {@code maxConsecutiveErrors} come in a row ({@code optax.apply_if_finite}).
   */
  public static GradientTransformation applyIfFinite(GradientTransformation inner, int maxConsecutiveErrors) {
    return new ApplyIfFinite(inner, maxConsecutiveErrors);
  }

  /** Gradient accumulation: the mean gradient of every {@code everyK} steps goes to {@code inner} ({@code optax.MultiSteps}). */
  public static GradientTransformation multiSteps(GradientTransformation inner, int everyK) {
    return multiSteps(inner, everyK, true);
  }

  /** Gradient accumulation of the mean ({@code useGradMean}) or the sum of every {@code everyK} steps' gradients. */
  public static GradientTransformation multiSteps(GradientTransformation inner, int everyK, boolean useGradMean) {
    return new MultiSteps(inner, everyK, useGradMean);
  }

  /**
   * Keeps hyper-parameters in the state ({@code optax.inject_hyperparams}): each value of {@code
   * hyperparams} is a number (stored in the state, where a caller may change it with {@link
   * OptState#with}) or a {@link Schedule} (evaluated at the step count); each step builds {@code
   * factory}'s transformation with the current values. The values a step used are in the state
   * at {@code "hyperparams.<name>"}:
   *
   * <pre>{@code
   * var opt = Optax.injectHyperparams(h -> Optax.adam(h.get("learning_rate")),
   *     Map.of("learning_rate", Schedules.cosineDecay(1e-3, 1000)));
   * float lr = state.get("hyperparams.learning_rate").item();
   * }</pre>
   */
  public static GradientTransformation injectHyperparams(
      Function<Hyperparams, GradientTransformation> factory, Map<String, ?> hyperparams) {
    return new InjectHyperparams(factory, Map.<String, Object>copyOf(hyperparams));
  }

  /**
   * Keeps every hyper-parameter of {@code optimizer} in the state, as {@code
   * optax.inject_hyperparams(optax.adam)(learning_rate=...)} does: each number and schedule of its
   * configuration (learning rate, {@code b1}, {@code eps}, weight decay...) becomes a float32
   * scalar at {@code "hyperparams.<snake_case name>"}; schedules are evaluated at the step count,
   * numbers are read back from the state, so a caller may change them between steps:
   *
   * <pre>{@code
   * var opt = Optax.injectHyperparams(Optax.adam(Schedules.cosineDecay(1e-3, 1000)));
   * float lr = state.get("hyperparams.learning_rate").item();
   * state = state.with("hyperparams.b1", Tensor.scalar(0.95f));
   * }</pre>
   *
   * Flags and masks stay as configured. Works for {@link Sgd}, {@link Adam}, {@link AdamW}, {@link
   * RmsProp}, {@link Adagrad}, {@link Lion}, and any record implementing GradientTransformation
   * with a public canonical constructor.
   */
  public static <T extends Record & GradientTransformation> GradientTransformation injectHyperparams(T optimizer) {
    return InjectHyperparams.ofRecord(optimizer);
  }

  // ---- transformations ----

  /** Multiplies updates by {@code factor} ({@code optax.scale}). */
  public static GradientTransformation scale(double factor) {
    return new Scale(factor);
  }

  /** Multiplies updates by {@code schedule.at(count)} ({@code optax.scale_by_schedule}). */
  public static GradientTransformation scaleBySchedule(Schedule schedule) {
    return new ScaleBySchedule(schedule);
  }

  /** Multiplies updates by {@code -learningRate} ({@code optax.scale_by_learning_rate}). */
  public static GradientTransformation scaleByLearningRate(double learningRate) {
    return scale(-learningRate);
  }

  /** Multiplies updates by {@code -learningRate.at(count)}; a {@link Schedules#constant} keeps no count. */
  public static GradientTransformation scaleByLearningRate(Schedule learningRate) {
    if (learningRate instanceof Schedules.Constant) {
      return scale(-((Schedules.Constant) learningRate).value());
    }
    return scaleBySchedule(step -> -learningRate.at(step));
  }

  /** Momentum {@code trace = g + decay * trace} ({@code optax.trace}). */
  public static GradientTransformation trace(double decay) {
    return trace(decay, false);
  }

  /** Momentum, in Nesterov's form ({@code g + decay * trace}) if {@code nesterov}. */
  public static GradientTransformation trace(double decay, boolean nesterov) {
    return new Trace(decay, nesterov);
  }

  /** Adam's rescaling with Optax's defaults {@code b1 = 0.9, b2 = 0.999, eps = 1e-8}. */
  public static GradientTransformation scaleByAdam() {
    return scaleByAdam(0.9, 0.999, 1e-8);
  }

  /** Adam's rescaling ({@code optax.scale_by_adam}). */
  public static GradientTransformation scaleByAdam(double b1, double b2, double eps) {
    return scaleByAdam(b1, b2, eps, 0, false);
  }

  /** Adam's rescaling with {@code epsRoot} inside the square root and optional Nesterov momentum (NAdam). */
  public static GradientTransformation scaleByAdam(double b1, double b2, double eps, double epsRoot, boolean nesterov) {
    return new ScaleByAdam(b1, b2, eps, epsRoot, nesterov);
  }

  /** RMSProp's rescaling with Optax's defaults {@code decay = 0.9, eps = 1e-8}. */
  public static GradientTransformation scaleByRms() {
    return scaleByRms(0.9, 1e-8, 0, true, false);
  }

  /** RMSProp's rescaling ({@code optax.scale_by_rms}). */
  public static GradientTransformation scaleByRms(
      double decay, double eps, double initialScale, boolean epsInSqrt, boolean biasCorrection) {
    return new ScaleByRms(decay, eps, initialScale, epsInSqrt, biasCorrection);
  }

  /** Centered RMSProp's rescaling ({@code optax.scale_by_stddev}). */
  public static GradientTransformation scaleByStddev(
      double decay, double eps, double initialScale, boolean epsInSqrt, boolean biasCorrection) {
    return new ScaleByStddev(decay, eps, initialScale, epsInSqrt, biasCorrection);
  }

  /** Adagrad's rescaling ({@code optax.scale_by_rss}). */
  public static GradientTransformation scaleByRss(double initialAccumulatorValue, double eps) {
    return new ScaleByRss(initialAccumulatorValue, eps);
  }

  /** Lion's sign update ({@code optax.scale_by_lion}). */
  public static GradientTransformation scaleByLion(double b1, double b2) {
    return new ScaleByLion(b1, b2);
  }

  /** Clamps every element of the updates to {@code [-maxDelta, maxDelta]} ({@code optax.clip}). */
  public static GradientTransformation clip(double maxDelta) {
    return new Clip(maxDelta);
  }

  /** Scales the updates down so their global norm is at most {@code maxNorm} ({@code optax.clip_by_global_norm}). */
  public static GradientTransformation clipByGlobalNorm(double maxNorm) {
    return new ClipByGlobalNorm(maxNorm);
  }

  /** Adds {@code weightDecay * param} to each update ({@code optax.add_decayed_weights}). */
  public static GradientTransformation addDecayedWeights(double weightDecay) {
    return addDecayedWeights(Schedules.constant(weightDecay), null);
  }

  /** Adds {@code weightDecay * param} to the updates of the leaves {@code mask} selects. */
  public static GradientTransformation addDecayedWeights(double weightDecay, LeafMask mask) {
    return addDecayedWeights(Schedules.constant(weightDecay), mask);
  }

  /** Adds {@code weightDecay * param} to the updates of the leaves whose path {@code mask} accepts. */
  public static GradientTransformation addDecayedWeights(double weightDecay, Predicate<String> mask) {
    return addDecayedWeights(Schedules.constant(weightDecay), LeafMask.byPath(mask));
  }

  /** Adds {@code weightDecay.at(count) * param} to each update. */
  public static GradientTransformation addDecayedWeights(Schedule weightDecay) {
    return addDecayedWeights(weightDecay, null);
  }

  /** Adds {@code weightDecay.at(count) * param} to the updates of the leaves {@code mask} selects (all if null). */
  public static GradientTransformation addDecayedWeights(Schedule weightDecay, LeafMask mask) {
    GradientTransformation decay = new AddDecayedWeights(weightDecay);
    return mask == null ? decay : masked(decay, mask);
  }

  // ---- optimizers ----

  /** Plain gradient descent ({@code optax.sgd}); {@link Sgd#withMomentum} adds momentum. */
  public static Sgd sgd(double learningRate) {
    return sgd(Schedules.constant(learningRate));
  }

  /** Gradient descent with a scheduled learning rate. */
  public static Sgd sgd(Schedule learningRate) {
    return new Sgd(learningRate, 0, false);
  }

  /** Gradient descent with heavy-ball momentum ({@code optax.sgd(lr, momentum)}). */
  public static Sgd sgd(double learningRate, double momentum) {
    return sgd(learningRate).withMomentum(momentum);
  }

  /** Gradient descent with a scheduled learning rate and heavy-ball momentum. */
  public static Sgd sgd(Schedule learningRate, double momentum) {
    return sgd(learningRate).withMomentum(momentum);
  }

  /** Adam ({@code optax.adam}) with {@code b1 = 0.9, b2 = 0.999, eps = 1e-8}. */
  public static Adam adam(double learningRate) {
    return adam(Schedules.constant(learningRate));
  }

  /** Adam with a scheduled learning rate. */
  public static Adam adam(Schedule learningRate) {
    return new Adam(learningRate, 0.9, 0.999, 1e-8, 0, false);
  }

  /** Adam with the given moment decays and epsilon ({@code optax.adam(lr, b1, b2, eps)}). */
  public static Adam adam(double learningRate, double b1, double b2, double eps) {
    return adam(learningRate).withB1(b1).withB2(b2).withEps(eps);
  }

  /** Adam with Nesterov momentum ({@code optax.nadam}). */
  public static Adam nadam(double learningRate) {
    return adam(learningRate).withNesterov(true);
  }

  /** AdamW ({@code optax.adamw}) with Optax's defaults, weight decay 1e-4 on every leaf. */
  public static AdamW adamw(double learningRate) {
    return adamw(Schedules.constant(learningRate));
  }

  /** AdamW with a scheduled learning rate. */
  public static AdamW adamw(Schedule learningRate) {
    return new AdamW(learningRate, 0.9, 0.999, 1e-8, 0, Schedules.constant(1e-4), null, false);
  }

  /** AdamW with weight decay {@code weightDecay} ({@code optax.adamw(lr, weight_decay=...)}). */
  public static AdamW adamw(double learningRate, double weightDecay) {
    return adamw(learningRate).withWeightDecay(weightDecay);
  }

  /** AdamW with Nesterov momentum ({@code optax.nadamw}). */
  public static AdamW nadamw(double learningRate, double weightDecay) {
    return adamw(learningRate, weightDecay).withNesterov(true);
  }

  /** RMSProp ({@code optax.rmsprop}) with Optax's defaults. */
  public static RmsProp rmsprop(double learningRate) {
    return rmsprop(Schedules.constant(learningRate));
  }

  /** RMSProp with a scheduled learning rate. */
  public static RmsProp rmsprop(Schedule learningRate) {
    return new RmsProp(learningRate, 0.9, 1e-8, 0, true, false, 0, false, false);
  }

  /** Adagrad ({@code optax.adagrad}) with Optax's defaults. */
  public static Adagrad adagrad(double learningRate) {
    return adagrad(Schedules.constant(learningRate));
  }

  /** Adagrad with a scheduled learning rate. */
  public static Adagrad adagrad(Schedule learningRate) {
    return new Adagrad(learningRate, 0.1, 1e-7);
  }

  /** Lion ({@code optax.lion}) with Optax's defaults. */
  public static Lion lion(double learningRate) {
    return lion(Schedules.constant(learningRate));
  }

  /** Lion with a scheduled learning rate. */
  public static Lion lion(Schedule learningRate) {
    return new Lion(learningRate, 0.9, 0.99, Schedules.constant(1e-3), null);
  }

  // ---- applying updates ----

  /** {@code params + updates}, leaf by leaf ({@code optax.apply_updates}). */
  public static <P, G extends Pytree<G>> P applyUpdates(TreeDef<P> paramsDef, P params, G updates) {
    List<Tensor> sums = applyUpdates(paramsDef.leaves(params), updates.treeDef().leaves(updates));
    return paramsDef.rebuild(params, sums);
  }

  /** {@code params + updates}, leaf by leaf, on flat leaf lists. */
  public static List<Tensor> applyUpdates(List<Tensor> params, List<Tensor> updates) {
    return Trees.zip(params, updates, Tensor::add);
  }

  /** {@code params + updates} on flat trees, keeping the params' paths. */
  public static FlatTree applyUpdates(FlatTree params, FlatTree updates) {
    return params.withLeaves(applyUpdates(params.leaves(), updates.leaves()));
  }
}
