import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/**
 * Self-attention scores whose query heads are 64 wide and key heads 32: the key projection was
 * sized for 8 heads of 32. q kᵀ contracts 64 against 32.
 */
class AttentionHeadDim {
  static Tensor scores(@Shape("seq 512") Tensor x, @Shape("512 512") Tensor queryWeight, @Shape("256 512") Tensor keyWeight) {
    Tensor q = x.matmul(queryWeight.transpose()).reshape(-1, 8, 64).swapaxes(0, 1);
    Tensor k = x.matmul(keyWeight.transpose()).reshape(-1, 8, 32).swapaxes(0, 1);
    // :: error: (shape.op)
    return q.matmul(k.swapaxes(1, 2)).div(8f).softmax(-1);
  }
}
