package p;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;
import java.util.List;
import java.util.Optional;

/** Components and parameters named like the locals of generated code. */
@Model
public record Clash(
    @Shape("n") Tensor tree,
    Tensor leaves,
    List<Tensor> like,
    Tensor i,
    Optional<Tensor> leaf,
    List<Linear> child,
    Linear[] first,
    Tensor second,
    Tensor paths,
    Tensor path,
    Tensor scope) {

  @Vmap
  public Tensor forward(
      Tensor model, Tensor batch, Tensor scope, Tensor result, Tensor checkShapes, Tensor modelSample) {
    return model;
  }
}
