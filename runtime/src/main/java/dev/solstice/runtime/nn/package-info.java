/**
 * Equinox's {@code nn} layers as {@code @Model} records, initialised as Equinox initialises them
 * (bit-for-bit for the same key): {@link dev.solstice.runtime.nn.Linear}, {@link
 * dev.solstice.runtime.nn.Mlp}, {@link dev.solstice.runtime.nn.Dropout}, {@link
 * dev.solstice.runtime.nn.LayerNorm}, {@link dev.solstice.runtime.nn.RmsNorm}, {@link
 * dev.solstice.runtime.nn.Embedding}, {@link dev.solstice.runtime.nn.MultiheadAttention}, {@link
 * dev.solstice.runtime.nn.Conv2d}, {@link dev.solstice.runtime.nn.MaxPool2d}, and {@link
 * dev.solstice.runtime.nn.Sequential} to chain any {@link dev.solstice.runtime.nn.Layer}s.
 *
 * <p>As in Equinox, every layer takes one sample; the processor generates {@code FooBatched} for
 * batches ({@code jax.vmap}), {@code FooTree} for gradients and updates, and {@code FooGrad} for
 * the gradients' structure. A static {@code init(..., Key key)} mirrors each Equinox constructor;
 * the canonical constructor takes given parameters.
 *
 * <pre>{@code
 * Key[] keys = Key.of(0).split(2);
 * Mlp model = Mlp.init(784, 10, 256, 2, keys[0]);
 * Tensor logits = MlpBatched.forward(model, images);                       // [batch, 10]
 * ValueAndGrad<MlpGrad> vg = MlpTree.valueAndGrad(model,
 *     m -> Losses.softmaxCrossEntropyWithIntegerLabels(MlpBatched.forward(m, images), labels).mean());
 * }</pre>
 */
package dev.solstice.runtime.nn;
