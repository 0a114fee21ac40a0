package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;

/**
 * What {@link GradientTransformation#update(FlatTree, StateTree, FlatTree)} returns: the
 * transformed updates (same paths as the incoming ones) and the new state.
 */
public record FlatUpdate(FlatTree updates, StateTree state) {}
