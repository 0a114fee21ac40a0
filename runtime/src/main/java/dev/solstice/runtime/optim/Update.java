package dev.solstice.runtime.optim;

/**
 * What one optimizer step produces: the updates to add to the parameters, and the state the next
 * step must be given (Optax's {@code updates, state = opt.update(...)}).
 *
 * @param updates one tensor per parameter, structured like the gradients
 * @param state the new optimizer state; the one passed to update is spent
 */
public record Update<G, P>(G updates, OptState<P> state) {}
