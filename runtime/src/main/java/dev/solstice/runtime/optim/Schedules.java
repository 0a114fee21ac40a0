package dev.solstice.runtime.optim;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Optax's schedules ({@code optax.schedules}). Each evaluates Optax's formula in float32, in
 * Optax's order of operations, with Python-side constants (such as {@code init - end}) computed
 * in double first, so values match Optax's to the last bit or so.
 */
public final class Schedules {
  private Schedules() {}

  /** The same value at every step ({@code constant_schedule}). */
  public static Schedule constant(double value) {
    return new Constant((float) value);
  }

  /** A constant schedule; {@link Optax#scaleByLearningRate} turns it into a plain scale (no step count). */
  record Constant(float value) implements Schedule {
    @Override
    public float at(int step) {
      return value;
    }
  }

  /** From {@code init} to {@code end} linearly over {@code transitionSteps} steps ({@code linear_schedule}). */
  public static Schedule linear(double init, double end, int transitionSteps) {
    return linear(init, end, transitionSteps, 0);
  }

  /** {@link #linear(double, double, int)} holding {@code init} for the first {@code transitionBegin} steps. */
  public static Schedule linear(double init, double end, int transitionSteps, int transitionBegin) {
    return polynomial(init, end, 1, transitionSteps, transitionBegin);
  }

  /**
   * {@code (init - end) * (1 - t / transitionSteps)^power + end} with {@code t = clip(step -
   * transitionBegin, 0, transitionSteps)} ({@code polynomial_schedule}). A non-positive {@code
   * transitionSteps} gives the constant {@code init}; a negative {@code transitionBegin} counts
   * as 0 (Optax logs both).
   */
  public static Schedule polynomial(double init, double end, double power, int transitionSteps, int transitionBegin) {
    if (transitionSteps <= 0) {
      return constant(init);
    }
    int begin = Math.max(transitionBegin, 0);
    float scale = (float) (init - end);
    float endValue = (float) end;
    return step -> {
      int t = Math.min(Math.max(step - begin, 0), transitionSteps);
      float frac = 1f - (float) t / (float) transitionSteps;
      return scale * pow(frac, power) + endValue;
    };
  }

  /**
   * {@code init * rate^((step - transitionBegin) / transitionSteps)}, {@code init} until {@code
   * transitionBegin} ({@code exponential_decay}, no staircase, no end value).
   */
  public static Schedule exponentialDecay(double init, int transitionSteps, double rate) {
    return exponentialDecay(init, transitionSteps, rate, 0, false, null);
  }

  /**
   * Optax's {@code exponential_decay}: {@code init * rate^p} with {@code p = (step -
   * transitionBegin) / transitionSteps} (floored if {@code staircase}), {@code init} while {@code
   * step <= transitionBegin}; bounded below (if {@code rate < 1}) or above by {@code end} when it
   * is not null. Non-positive {@code transitionSteps} or zero {@code rate} give the constant
   * {@code init}.
   */
  public static Schedule exponentialDecay(
      double init, int transitionSteps, double rate, int transitionBegin, boolean staircase, Double end) {
    if (transitionSteps <= 0 || rate == 0) {
      return constant(init);
    }
    int begin = Math.max(transitionBegin, 0);
    float initValue = (float) init;
    float base = (float) rate;
    boolean decreasing = rate < 1.0;
    return step -> {
      int decreased = step - begin;
      float p = (float) decreased / (float) transitionSteps;
      if (staircase) {
        p = (float) Math.floor(p);
      }
      float value = decreased <= 0 ? initValue : initValue * (float) Math.pow(base, p);
      if (end != null) {
        float bound = (float) (double) end;
        value = decreasing ? Math.max(value, bound) : Math.min(value, bound);
      }
      return value;
    };
  }

  /** Half a cosine from {@code init} down to 0 over {@code decaySteps} ({@code cosine_decay_schedule}). */
  public static Schedule cosineDecay(double init, int decaySteps) {
    return cosineDecay(init, decaySteps, 0, 1);
  }

  /**
   * Optax's {@code cosine_decay_schedule}: {@code init * ((1 - alpha) * c^exponent + alpha)} with
   * {@code c = (1 + cos(pi * min(step, decaySteps) / decaySteps)) / 2}; {@code alpha} is the final
   * value as a fraction of {@code init}.
   */
  public static Schedule cosineDecay(double init, int decaySteps, double alpha, double exponent) {
    if (decaySteps <= 0) {
      throw new IllegalArgumentException("cosineDecay needs positive decaySteps, found " + decaySteps);
    }
    float initValue = (float) init;
    float oneMinusAlpha = (float) (1 - alpha);
    float alphaValue = (float) alpha;
    float steps = decaySteps;
    float pi = (float) Math.PI;
    return step -> {
      float count = Math.min((float) step, steps);
      float cosine = 0.5f * (1f + (float) Math.cos(pi * count / steps));
      float decayed = oneMinusAlpha * pow(cosine, exponent) + alphaValue;
      return initValue * decayed;
    };
  }

  /** Linear warm-up from {@code init} to {@code peak}, then cosine decay to 0 by step {@code decaySteps}. */
  public static Schedule warmupCosineDecay(double init, double peak, int warmupSteps, int decaySteps) {
    return warmupCosineDecay(init, peak, warmupSteps, decaySteps, 0, 1);
  }

  /**
   * Optax's {@code warmup_cosine_decay_schedule}: linear from {@code init} to {@code peak} over
   * {@code warmupSteps}, then cosine decay from {@code peak} to {@code end} until step {@code
   * decaySteps} (counted from 0, warm-up included), {@code end} after.
   */
  public static Schedule warmupCosineDecay(
      double init, double peak, int warmupSteps, int decaySteps, double end, double exponent) {
    double alpha = peak == 0.0 ? 0.0 : end / peak;
    return joinSchedules(
        List.of(linear(init, peak, warmupSteps), cosineDecay(peak, decaySteps - warmupSteps, alpha, exponent)),
        List.of(warmupSteps));
  }

  /**
   * Optax's {@code warmup_exponential_decay_schedule}: linear from {@code init} to {@code peak}
   * over {@code warmupSteps}, then {@link #exponentialDecay(double, int, double, int, boolean,
   * Double)} from {@code peak}.
   */
  public static Schedule warmupExponentialDecay(
      double init, double peak, int warmupSteps, int transitionSteps, double rate, int transitionBegin,
      boolean staircase, Double end) {
    return joinSchedules(
        List.of(
            linear(init, peak, warmupSteps),
            exponentialDecay(peak, transitionSteps, rate, transitionBegin, staircase, end)),
        List.of(warmupSteps));
  }

  /**
   * Optax's {@code piecewise_constant_schedule}: {@code init}, multiplied by {@code
   * scales.get(boundary)} once the step reaches each boundary. Scales must not be negative.
   */
  public static Schedule piecewiseConstant(double init, Map<Integer, Double> boundariesAndScales) {
    TreeMap<Integer, Double> sorted = new TreeMap<>(boundariesAndScales);
    int[] boundaries = new int[sorted.size()];
    float[] scales = new float[sorted.size()];
    int i = 0;
    for (Map.Entry<Integer, Double> entry : sorted.entrySet()) {
      if (entry.getValue() < 0) {
        throw new IllegalArgumentException(
            "piecewiseConstant needs non-negative scales, found " + entry.getValue() + " at step " + entry.getKey());
      }
      boundaries[i] = entry.getKey();
      scales[i] = (float) (double) entry.getValue();
      i++;
    }
    float initValue = (float) init;
    return step -> {
      float value = initValue;
      for (int b = 0; b < boundaries.length; b++) {
        if (step >= boundaries[b]) {
          value = scales[b] * value;
        }
      }
      return value;
    };
  }

  /**
   * Optax's {@code join_schedules}: {@code schedules.get(0)} until {@code boundaries.get(0)}, then
   * {@code schedules.get(1)} counting from 0 again, and so on; one boundary fewer than schedules.
   */
  public static Schedule joinSchedules(List<Schedule> schedules, List<Integer> boundaries) {
    if (schedules.isEmpty() || boundaries.size() != schedules.size() - 1) {
      throw new IllegalArgumentException(
          "joinSchedules needs one boundary fewer than schedules: " + schedules.size() + " schedules, " + boundaries.size()
              + " boundaries");
    }
    List<Schedule> parts = List.copyOf(schedules);
    int[] bounds = boundaries.stream().mapToInt(Integer::intValue).toArray();
    return step -> {
      float value = parts.get(0).at(step);
      for (int i = 0; i < bounds.length; i++) {
        if (step >= bounds[i]) {
          value = parts.get(i + 1).at(step - bounds[i]);
        }
      }
      return value;
    };
  }

  /**
   * {@code x^power} in float32: integer powers by repeated squaring, as {@code lax.integer_pow}
   * does for a Python {@code int} exponent; others through {@code pow}.
   */
  static float pow(float x, double power) {
    int n = (int) power;
    if (n == power && n >= 1 && n <= 64) {
      float result = Float.NaN;
      boolean first = true;
      float square = x;
      while (n > 0) {
        if ((n & 1) == 1) {
          result = first ? square : result * square;
          first = false;
        }
        n >>= 1;
        if (n > 0) {
          square = square * square;
        }
      }
      return result;
    }
    return (float) Math.pow(x, power);
  }
}
