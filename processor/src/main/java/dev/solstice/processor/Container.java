package dev.solstice.processor;

/** How a child component of a {@code @Model} holds its tensors, models or nodes. */
enum Container {
  SINGLE,
  LIST,
  ARRAY,
  OPTIONAL;

  /** The container of the matching component of a gradient record: arrays become lists. */
  Container inGradient() {
    return this == ARRAY ? LIST : this;
  }
}
