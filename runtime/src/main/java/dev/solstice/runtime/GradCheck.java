package dev.solstice.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checks the gradients {@link Autodiff} computes against central finite differences, the oracle
 * for every backward rule: each input element is nudged down and up, {@code f} is evaluated
 * untracked at both points, and the slope is formed in double precision from the values and the
 * nudge actually representable in float32.
 *
 * <pre>{@code
 * GradCheck.assertGradients(xs -> myLoss(xs.get(0), xs.get(1)), List.of(w, b));
 * }</pre>
 *
 * <p>float32 evaluation limits the accuracy of the numeric slope, hence the default tolerances:
 * an element passes if {@code |analytic - numeric| <= atol + rtol * |numeric|} with {@code rtol =
 * 1e-2} and {@code atol = 1e-3 * max(1, |f(x)|)}. Keep inputs away from kinks ({@code relu} at 0,
 * ties of {@code max}) where the two legitimately differ.
 */
public final class GradCheck {
  /** The default relative step: each element moves by {@code STEP * max(1, |x|)}. */
  public static final double STEP = 1e-3;
  /** The default relative tolerance. */
  public static final double RTOL = 1e-2;
  /** The default absolute tolerance, scaled by {@code max(1, |f(x)|)}. */
  public static final double ATOL = 1e-3;

  private GradCheck() {}

  /** The worst element found: where it is, both gradients and whether it was within tolerance. */
  public record Result(boolean passed, int input, int element, double analytic, double numeric, double error) {
    @Override
    public String toString() {
      return (passed ? "gradients match" : "gradients differ")
          + (input < 0 ? "" : "; worst at input " + input + ", element " + element + ": analytic "
              + analytic + ", numeric " + numeric + " (excess error " + error + ")");
    }
  }

  /** Compares analytic and numeric gradients of the scalar {@code f} at {@code inputs}, with the default tolerances. */
  public static Result check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
    return check(f, inputs, RTOL, ATOL);
  }

  /** As {@link #check(Function, List)} with the given tolerances ({@code atol} is scaled by {@code max(1, |f(x)|)}). */
  public static Result check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, double rtol, double atol) {
    ValueAndGrad<List<Tensor>> vg = Autodiff.valueAndGrad(inputs, f);
    double tolerance = atol * Math.max(1, Math.abs(vg.value().physicalFloats()[0]));
    Result worst = new Result(true, -1, -1, 0, 0, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < inputs.size(); i++) {
      float[] analytic = vg.grad().get(i).physicalFloats();
      float[] x = inputs.get(i).physicalFloats();
      for (int e = 0; e < x.length; e++) {
        double numeric = slope(f, inputs, i, x, e);
        double excess = Math.abs(analytic[e] - numeric) - (tolerance + rtol * Math.abs(numeric));
        if (Double.isNaN(excess)) {
          excess = Double.POSITIVE_INFINITY;
        }
        if (excess > worst.error()) {
          worst = new Result(excess <= 0, i, e, analytic[e], numeric, excess);
        }
      }
    }
    return worst;
  }

  /** Throws an {@link AssertionError} saying where and by how much, unless the gradients of {@code f} match. */
  public static void assertGradients(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
    Result result = check(f, inputs);
    if (!result.passed()) {
      throw new AssertionError(result.toString());
    }
  }

  private static double slope(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, int input, float[] x, int element) {
    float original = x[element];
    double step = STEP * Math.max(1, Math.abs(original));
    float down = (float) (original - step);
    float up = (float) (original + step);
    double low = evaluate(f, inputs, input, x, element, down);
    double high = evaluate(f, inputs, input, x, element, up);
    x[element] = original;
    return (high - low) / ((double) up - (double) down);
  }

  private static double evaluate(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, int input, float[] x, int element, float value) {
    x[element] = value;
    Tensor changed = inputs.get(input);
    List<Tensor> args = new ArrayList<>(inputs);
    args.set(input, Tensor.ofPhysical(x, changed.batchAxes(), changed.physicalShape()));
    return f.apply(args).physicalFloats()[0];
  }
}
