package p;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Static;
import dev.solstice.runtime.Tensor;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** One component of every kind the processor knows. */
@Model
public record Everything(
    Tensor single,
    Linear child,
    List<@Shape("n") Tensor> tensors,
    List<Linear> children,
    @Shape("n") Tensor[] tensorArray,
    Linear[] childArray,
    Optional<Tensor> maybeTensor,
    Optional<Linear> maybeChild,
    @Static @Shape("n") Tensor frozen,
    @Static Linear frozenChild,
    int depth,
    String name,
    Activation activation,
    UnaryOperator<Tensor> function,
    List<String> labels,
    Outer.Inner inner) {

  /** A static enum component. */
  public enum Activation {
    TANH,
    RELU
  }
}
