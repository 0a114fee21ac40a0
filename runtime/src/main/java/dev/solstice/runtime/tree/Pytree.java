package dev.solstice.runtime.tree;

/**
 * A value that knows its own {@link TreeDef}. Generated gradient records ({@code FooGrad})
 * implement it, so optimizers can take gradients without being told their structure.
 */
public interface Pytree<T extends Pytree<T>> {
  /** The definition that flattens and rebuilds this value. */
  TreeDef<T> treeDef();
}
