package p;

import dev.solstice.annotations.Model;
import dev.solstice.runtime.Tensor;

/** Holds a member @Model record. */
public final class Outer {
  private Outer() {}

  /** A nested model: its generated classes are Outer_InnerTree, Outer_InnerGrad. */
  @Model
  public record Inner(Tensor weight) {}
}
