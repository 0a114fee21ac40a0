package dev.solstice.runtime;

/** Compile-only stand-in for the runtime's ValueAndGrad. */
public record ValueAndGrad<G>(Tensor value, G grad) {}
