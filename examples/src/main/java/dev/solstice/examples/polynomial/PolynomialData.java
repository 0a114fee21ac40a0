package dev.solstice.examples.polynomial;

import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;

/**
 * The seed's data: {@code n} points {@code x} evenly spaced on [-10, 10] and {@code y =
 * polyval(coefficients, x)} plus standard normal noise.
 *
 * @param next the key left for the caller after the noise key was split off
 */
public record PolynomialData(@Shape("n 1") Tensor x, @Shape("n 1") Tensor y, Key next) {

  public static PolynomialData generate(Key key, float[] coefficients, int n) {
    Key[] keys = key.split(2);
    Tensor x = Tensor.linspace(-10, 10, n).reshape(n, 1);
    Tensor y = polyval(coefficients, x).add(keys[1].normal(n, 1));
    return new PolynomialData(x, y, keys[0]);
  }

  /** Horner's rule, in the order {@code jnp.polyval} uses. */
  static Tensor polyval(float[] coefficients, Tensor x) {
    Tensor y = Tensor.zerosLike(x);
    for (float c : coefficients) {
      y = y.mul(x).add(c);
    }
    return y;
  }

  /** {@code (t - mean) / std} with the population standard deviation. */
  static Tensor standardise(Tensor t) {
    Tensor centred = t.sub(t.mean());
    return centred.div(centred.square().mean().sqrt());
  }

  /** The same data with {@code x} and {@code y} standardised. */
  public PolynomialData standardised() {
    return new PolynomialData(standardise(x), standardise(y), next);
  }
}
