package layers;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** A library compiled before its callers: its specs must be read back from its class files. */
public final class Layers {
  private Layers() {}

  public static @Shape("batch out") Tensor dense(@Shape("batch in") Tensor x, @Shape("out in") Tensor weight) {
    return x.matmul(weight.transpose());
  }

  public static @Shape("n") Tensor sum(@Shape("n") Tensor... xs) {
    return xs[0];
  }

  /** A record whose canonical constructor and accessors carry the component specs. */
  @Model
  public record Affine(@Shape("out in") Tensor weight, @Shape("out") Tensor bias) {
    public @Shape("out") Tensor apply(@Shape("in") Tensor x) {
      return weight.matmul(x).add(bias);
    }
  }
}
