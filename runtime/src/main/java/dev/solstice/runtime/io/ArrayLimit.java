package dev.solstice.runtime.io;

/** The size limit every loader checks before allocating a tensor. */
final class ArrayLimit {
  /** The most elements a Java array, and so a Solstice tensor, can hold on common JVMs. */
  static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private ArrayLimit() {}
}
