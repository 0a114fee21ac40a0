package dev.solstice.examples.polynomial;

import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.optim.GradientTransformation;
import dev.solstice.runtime.optim.Optax;
import dev.solstice.runtime.random.Key;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The seed program: fit {@code x³ - 2x² + x - 2} plus noise with a 1-hidden-layer tanh MLP, full
 * batch, and print the training loss every {@code --log-rate} epochs.
 */
@Command(
    name = "polynomial",
    mixinStandardHelpOptions = true,
    description = "Train the seed MLP on polynomial data and print its loss curve.")
public final class PolynomialCommand implements Callable<Integer> {
  static final float[] COEFFICIENTS = {1, -2, 1, -2};
  static final int SAMPLES = 1000;

  @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd or adam (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--lr", defaultValue = "0.01", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  float learningRate;

  @Option(names = "--epochs", defaultValue = "2000", description = "Full-batch steps (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--hidden", defaultValue = "32", description = "Hidden width (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--seed", defaultValue = "21", description = "PRNG seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--log-rate", defaultValue = "100", description = "Print every N epochs (default: ${DEFAULT-VALUE}).")
  int logRate;

  /** The loss at each logged epoch, as {@code [epoch, loss]} pairs, then the final loss. */
  public record Curve(List<float[]> logged, float finalLoss) {}

  @Override
  public Integer call() {
    train(System.out);
    return 0;
  }

  static @Shape("") Tensor mse(Mlp model, @Shape("batch 1") Tensor x, @Shape("batch 1") Tensor y) {
    return y.sub(MlpBatched.forward(model, x)).square().mean();
  }

  /** Runs the seed and prints its curve to {@code out}; returns what it printed, for tests. */
  public Curve train(PrintStream out) {
    if (!optimizer.equals("sgd") && !optimizer.equals("adam")) {
      throw new IllegalArgumentException("--optimizer must be sgd or adam, not " + optimizer);
    }
    PolynomialData data = PolynomialData.generate(Key.of(seed), COEFFICIENTS, SAMPLES).standardised();
    Tensor x = data.x();
    Tensor y = data.y();
    Key modelKey = data.next().split(2)[1];
    Mlp model = Mlp.init(hidden, modelKey);

    GradientTransformation opt = optimizer.equals("adam") ? Optax.adam(learningRate) : Optax.sgd(learningRate);
    var state = opt.init(MlpTree.INSTANCE, model);
    List<float[]> logged = new ArrayList<>();
    for (int epoch = 0; epoch < epochs; epoch++) {
      ValueAndGrad<MlpGrad> vg = MlpTree.valueAndGrad(model, m -> mse(m, x, y));
      if (epoch % logRate == 0) {
        float loss = vg.value().item();
        logged.add(new float[] {epoch, loss});
        out.printf("Epoch [%d/%d] | Train Loss: %.6f%n", epoch, epochs, loss);
      }
      var step = opt.update(vg.grad(), state, model);
      model = MlpTree.applyUpdates(model, step.updates());
      state = step.state();
    }
    float finalLoss = mse(model, x, y).item();
    out.printf("Final | Train Loss: %.6f%n", finalLoss);
    return new Curve(logged, finalLoss);
  }
}
