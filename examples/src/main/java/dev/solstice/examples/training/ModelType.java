package dev.solstice.examples.training;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.tree.Pytree;
import dev.solstice.runtime.tree.TreeDef;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a generic training loop needs from the code generated for a {@code @Model} record {@code
 * M}: its tree and its {@code valueAndGrad}. For example {@code ModelType.of(MlpTree.INSTANCE,
 * MlpTree::valueAndGrad)}.
 *
 * @param tree flattens and rebuilds the model ({@code MTree.INSTANCE})
 * @param valueAndGrad a loss's value and its gradient with respect to the model ({@code MTree::valueAndGrad})
 * @param <M> the model type
 * @param <G> its gradient type ({@code MGrad})
 */
public record ModelType<M, G extends Pytree<G>>(
    TreeDef<M> tree, BiFunction<M, Function<M, Tensor>, ValueAndGrad<G>> valueAndGrad) {

  /** The model type with {@code tree} and {@code valueAndGrad}. */
  public static <M, G extends Pytree<G>> ModelType<M, G> of(
      TreeDef<M> tree, BiFunction<M, Function<M, Tensor>, ValueAndGrad<G>> valueAndGrad) {
    return new ModelType<>(tree, valueAndGrad);
  }
}
