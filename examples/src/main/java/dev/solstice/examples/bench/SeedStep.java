package dev.solstice.examples.bench;

import dev.solstice.examples.polynomial.Mlp;
import dev.solstice.examples.polynomial.MlpBatched;
import dev.solstice.examples.polynomial.MlpGrad;
import dev.solstice.examples.polynomial.MlpTree;
import dev.solstice.examples.polynomial.PolynomialData;
import dev.solstice.runtime.Losses;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.optim.GradientTransformation;
import dev.solstice.runtime.optim.OptState;
import dev.solstice.runtime.optim.Optax;
import dev.solstice.runtime.optim.Update;
import dev.solstice.runtime.random.Key;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * W1: one full-batch training step of the seed program (the {@code polynomial} example): 1000
 * standardised points, MLP 1-32-1 with tanh, mean squared error through {@code
 * MlpBatched.forward}, gradients by {@code MlpTree.valueAndGrad}, {@code sgd(0.01)}.
 */
@State(Scope.Thread)
public class SeedStep {
  /** The seed's polynomial {@code x³ - 2x² + x - 2}, highest power first. */
  private static final float[] COEFFICIENTS = {1, -2, 1, -2};

  private static final int SAMPLES = 1000;
  private static final int HIDDEN = 32;

  private final GradientTransformation optimizer = Optax.sgd(0.01);
  private Tensor x;
  private Tensor y;
  private Mlp model;
  private OptState<Mlp> state;

  /** Data and model as the seed makes them with its default seed. */
  @Setup
  public void setUp() {
    PolynomialData data = PolynomialData.generate(Key.of(21), COEFFICIENTS, SAMPLES).standardised();
    x = data.x();
    y = data.y();
    model = Mlp.init(HIDDEN, data.next().split(2)[1]);
    state = optimizer.init(MlpTree.INSTANCE, model);
  }

  /** One training step; the model and optimizer state carry over to the next, as in training. */
  @Benchmark
  public Tensor step() {
    ValueAndGrad<MlpGrad> vg = MlpTree.valueAndGrad(model, m -> Losses.mse(MlpBatched.forward(m, x), y));
    Update<MlpGrad, Mlp> update = optimizer.update(vg.grad(), state, model);
    model = MlpTree.applyUpdates(model, update.updates());
    state = update.state();
    return vg.value();
  }
}
