package dev.solstice.examples.bench;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** W3: the product of two random float32 {@code size x size} matrices through {@link Tensor#matmul}. */
@State(Scope.Thread)
public class SquareMatmul {
  /** The matrix size {@code n}; the product costs {@code 2n³} floating-point operations. */
  @Param({"512", "1024"})
  public int size;

  Tensor a;
  Tensor b;

  /** Two standard normal matrices from a fixed key. */
  @Setup
  public void setUp() {
    Key[] keys = Key.of(0).split(2);
    a = keys[0].normal(size, size);
    b = keys[1].normal(size, size);
  }

  @Benchmark
  public Tensor multiply() {
    return a.matmul(b);
  }
}
