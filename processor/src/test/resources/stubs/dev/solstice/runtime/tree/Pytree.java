package dev.solstice.runtime.tree;

/** Compile-only stand-in for the runtime's Pytree. */
public interface Pytree<T extends Pytree<T>> {
  TreeDef<T> treeDef();
}
