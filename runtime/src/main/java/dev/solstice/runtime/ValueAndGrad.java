package dev.solstice.runtime;

/**
 * The value of a scalar function and its gradient, as returned by {@code valueAndGrad}: {@code
 * grad} has the differentiable structure of the differentiated argument ({@code FooGrad} for a
 * model {@code Foo}, a {@code List<Tensor>} at tensor level).
 */
public record ValueAndGrad<G>(Tensor value, G grad) {}
