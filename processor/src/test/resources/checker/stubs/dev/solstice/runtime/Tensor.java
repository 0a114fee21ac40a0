package dev.solstice.runtime;

/** Test stub: the public signatures of the runtime Tensor, for compiling checker tests. */
public final class Tensor {
  public static Tensor of(float[] data, int... shape) {
    throw new UnsupportedOperationException();
  }

  public static Tensor ofInts(int[] data, int... shape) {
    throw new UnsupportedOperationException();
  }

  public static Tensor ofBools(boolean[] data, int... shape) {
    throw new UnsupportedOperationException();
  }

  public static Tensor scalar(float value) {
    throw new UnsupportedOperationException();
  }

  public static Tensor zeros(int... shape) {
    throw new UnsupportedOperationException();
  }

  public static Tensor ones(int... shape) {
    throw new UnsupportedOperationException();
  }

  public static Tensor full(float value, int... shape) {
    throw new UnsupportedOperationException();
  }

  public static Tensor arange(int n) {
    throw new UnsupportedOperationException();
  }

  public static Tensor linspace(float start, float stop, int num) {
    throw new UnsupportedOperationException();
  }

  public static Tensor zerosLike(Tensor like) {
    throw new UnsupportedOperationException();
  }

  public static Tensor onesLike(Tensor like) {
    throw new UnsupportedOperationException();
  }

  public static Tensor concat(int axis, Tensor... tensors) {
    throw new UnsupportedOperationException();
  }

  public static Tensor stack(int axis, Tensor... tensors) {
    throw new UnsupportedOperationException();
  }

  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    throw new UnsupportedOperationException();
  }

  public static Tensor tril(int n) {
    throw new UnsupportedOperationException();
  }

  public static Tensor triu(int n) {
    throw new UnsupportedOperationException();
  }

  public DType dtype() {
    throw new UnsupportedOperationException();
  }

  public int[] shape() {
    throw new UnsupportedOperationException();
  }

  public int rank() {
    throw new UnsupportedOperationException();
  }

  public int dim(int axis) {
    throw new UnsupportedOperationException();
  }

  public int size() {
    throw new UnsupportedOperationException();
  }

  public float[] toFloatArray() {
    throw new UnsupportedOperationException();
  }

  public int[] toIntArray() {
    throw new UnsupportedOperationException();
  }

  public float item() {
    throw new UnsupportedOperationException();
  }

  public boolean isFinite() {
    throw new UnsupportedOperationException();
  }

  public Tensor add(Tensor other) {
    throw new UnsupportedOperationException();
  }

  public Tensor add(float other) {
    throw new UnsupportedOperationException();
  }

  public Tensor sub(Tensor other) {
    throw new UnsupportedOperationException();
  }

  public Tensor sub(float other) {
    throw new UnsupportedOperationException();
  }

  public Tensor mul(Tensor other) {
    throw new UnsupportedOperationException();
  }

  public Tensor mul(float other) {
    throw new UnsupportedOperationException();
  }

  public Tensor div(Tensor other) {
    throw new UnsupportedOperationException();
  }

  public Tensor div(float other) {
    throw new UnsupportedOperationException();
  }

  public Tensor pow(Tensor exponent) {
    throw new UnsupportedOperationException();
  }

  public Tensor pow(float exponent) {
    throw new UnsupportedOperationException();
  }

  public Tensor maximum(Tensor other) {
    throw new UnsupportedOperationException();
  }

  public Tensor maximum(float other) {
    throw new UnsupportedOperationException();
  }

  public Tensor minimum(Tensor other) {
    throw new UnsupportedOperationException();
  }

  public Tensor minimum(float other) {
    throw new UnsupportedOperationException();
  }

  public Tensor neg() {
    throw new UnsupportedOperationException();
  }

  public Tensor square() {
    throw new UnsupportedOperationException();
  }

  public Tensor sqrt() {
    throw new UnsupportedOperationException();
  }

  public Tensor rsqrt() {
    throw new UnsupportedOperationException();
  }

  public Tensor exp() {
    throw new UnsupportedOperationException();
  }

  public Tensor log() {
    throw new UnsupportedOperationException();
  }

  public Tensor tanh() {
    throw new UnsupportedOperationException();
  }

  public Tensor relu() {
    throw new UnsupportedOperationException();
  }

  public Tensor sigmoid() {
    throw new UnsupportedOperationException();
  }

  public Tensor gelu() {
    throw new UnsupportedOperationException();
  }

  public Tensor abs() {
    throw new UnsupportedOperationException();
  }

  public Tensor sign() {
    throw new UnsupportedOperationException();
  }

  public Tensor gt(Tensor other) {
    throw new UnsupportedOperationException();
  }

  public Tensor gt(float other) {
    throw new UnsupportedOperationException();
  }

  public Tensor ge(Tensor other) {
    throw new UnsupportedOperationException();
  }

  public Tensor ge(float other) {
    throw new UnsupportedOperationException();
  }

  public Tensor lt(Tensor other) {
    throw new UnsupportedOperationException();
  }

  public Tensor lt(float other) {
    throw new UnsupportedOperationException();
  }

  public Tensor le(Tensor other) {
    throw new UnsupportedOperationException();
  }

  public Tensor le(float other) {
    throw new UnsupportedOperationException();
  }

  public Tensor eq(Tensor other) {
    throw new UnsupportedOperationException();
  }

  public Tensor eq(float other) {
    throw new UnsupportedOperationException();
  }

  public Tensor ne(Tensor other) {
    throw new UnsupportedOperationException();
  }

  public Tensor ne(float other) {
    throw new UnsupportedOperationException();
  }

  public Tensor asType(DType type) {
    throw new UnsupportedOperationException();
  }

  public Tensor sum() {
    throw new UnsupportedOperationException();
  }

  public Tensor sum(int axis) {
    throw new UnsupportedOperationException();
  }

  public Tensor sum(int axis, boolean keepdims) {
    throw new UnsupportedOperationException();
  }

  public Tensor sum(int[] axes, boolean keepdims) {
    throw new UnsupportedOperationException();
  }

  public Tensor mean() {
    throw new UnsupportedOperationException();
  }

  public Tensor mean(int axis) {
    throw new UnsupportedOperationException();
  }

  public Tensor mean(int axis, boolean keepdims) {
    throw new UnsupportedOperationException();
  }

  public Tensor mean(int[] axes, boolean keepdims) {
    throw new UnsupportedOperationException();
  }

  public Tensor max() {
    throw new UnsupportedOperationException();
  }

  public Tensor max(int axis) {
    throw new UnsupportedOperationException();
  }

  public Tensor max(int axis, boolean keepdims) {
    throw new UnsupportedOperationException();
  }

  public Tensor max(int[] axes, boolean keepdims) {
    throw new UnsupportedOperationException();
  }

  public Tensor min() {
    throw new UnsupportedOperationException();
  }

  public Tensor min(int axis) {
    throw new UnsupportedOperationException();
  }

  public Tensor min(int axis, boolean keepdims) {
    throw new UnsupportedOperationException();
  }

  public Tensor min(int[] axes, boolean keepdims) {
    throw new UnsupportedOperationException();
  }

  public Tensor argmax(int axis) {
    throw new UnsupportedOperationException();
  }

  public Tensor var(int axis, boolean keepdims) {
    throw new UnsupportedOperationException();
  }

  public Tensor logsumexp(int axis) {
    throw new UnsupportedOperationException();
  }

  public Tensor logsumexp(int axis, boolean keepdims) {
    throw new UnsupportedOperationException();
  }

  public Tensor softmax(int axis) {
    throw new UnsupportedOperationException();
  }

  public Tensor logSoftmax(int axis) {
    throw new UnsupportedOperationException();
  }

  public Tensor reshape(int... newShape) {
    throw new UnsupportedOperationException();
  }

  public Tensor transpose() {
    throw new UnsupportedOperationException();
  }

  public Tensor transpose(int... perm) {
    throw new UnsupportedOperationException();
  }

  public Tensor swapaxes(int a, int b) {
    throw new UnsupportedOperationException();
  }

  public Tensor expandDims(int axis) {
    throw new UnsupportedOperationException();
  }

  public Tensor squeeze(int axis) {
    throw new UnsupportedOperationException();
  }

  public Tensor broadcastTo(int... newShape) {
    throw new UnsupportedOperationException();
  }

  public Tensor slice(int axis, int start, int stop) {
    throw new UnsupportedOperationException();
  }

  public Tensor take(Tensor indices) {
    throw new UnsupportedOperationException();
  }

  public Tensor take(Tensor indices, int axis) {
    throw new UnsupportedOperationException();
  }

  public Tensor copy() {
    throw new UnsupportedOperationException();
  }

  public Tensor detach() {
    throw new UnsupportedOperationException();
  }

  public Tensor matmul(Tensor other) {
    throw new UnsupportedOperationException();
  }
}
