package dev.solstice.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Every differentiable op of the runtime as a function of random float inputs, with broadcasting
 * variants; shared by the gradient checks and the batching tests.
 */
final class OpCases {
  private OpCases() {}

  /** Where random inputs are drawn: away from 0 (kinks of relu, abs, sign) or strictly positive. */
  enum Domain { REAL, POSITIVE }

  record OpCase(String name, Domain domain, int[][] shapes, Function<List<Tensor>, Tensor> op) {
    @Override
    public String toString() {
      return name;
    }

    List<Tensor> inputs(Random random, int... batch) {
      List<Tensor> inputs = new ArrayList<>();
      for (int[] shape : shapes) {
        inputs.add(OpCases.random(random, domain, Shapes.concat(batch, shape)));
      }
      return inputs;
    }
  }

  static Tensor random(Random random, Domain domain, int... shape) {
    float[] data = new float[Shapes.size(shape)];
    for (int i = 0; i < data.length; i++) {
      double u = random.nextDouble();
      data[i] = (float) (domain == Domain.POSITIVE ? 0.5 + 1.5 * u : (0.1 + 0.9 * u) * (random.nextBoolean() ? 1 : -1));
    }
    return Tensor.of(data, shape);
  }

  private static OpCase op(String name, Domain domain, Function<List<Tensor>, Tensor> f, int[]... shapes) {
    return new OpCase(name, domain, shapes, f);
  }

  private static OpCase op(String name, Function<List<Tensor>, Tensor> f, int[]... shapes) {
    return op(name, Domain.REAL, f, shapes);
  }

  private static int[] s(int... shape) {
    return shape;
  }

  static final List<OpCase> ALL = List.of(
      op("neg", in -> in.get(0).neg(), s(3, 4)),
      op("square", in -> in.get(0).square(), s(3, 4)),
      op("sqrt", Domain.POSITIVE, in -> in.get(0).sqrt(), s(3, 4)),
      op("rsqrt", Domain.POSITIVE, in -> in.get(0).rsqrt(), s(3, 4)),
      op("exp", in -> in.get(0).exp(), s(3, 4)),
      op("log", Domain.POSITIVE, in -> in.get(0).log(), s(3, 4)),
      op("tanh", in -> in.get(0).tanh(), s(3, 4)),
      op("relu", in -> in.get(0).relu(), s(3, 4)),
      op("sigmoid", in -> in.get(0).sigmoid(), s(3, 4)),
      op("gelu", in -> in.get(0).gelu(), s(3, 4)),
      op("abs", in -> in.get(0).abs(), s(3, 4)),
      op("sign", in -> in.get(0).sign().add(in.get(0)), s(3, 4)),
      op("add", in -> in.get(0).add(in.get(1)), s(3, 4), s(3, 4)),
      op("add_row_broadcast", in -> in.get(0).add(in.get(1)), s(3, 4), s(4)),
      op("add_scalar_tensor", in -> in.get(0).add(in.get(1)), s(3, 4), s()),
      op("sub_row_broadcast", in -> in.get(0).sub(in.get(1)), s(2, 3, 4), s(3, 4)),
      op("sub_outer_broadcast", in -> in.get(0).sub(in.get(1)), s(3, 1), s(1, 4)),
      op("mul_column_broadcast", in -> in.get(0).mul(in.get(1)), s(2, 3, 4), s(3, 1)),
      op("mul_float", in -> in.get(0).mul(2.5f).add(1f).sub(0.5f), s(3, 4)),
      op("div_row_broadcast", Domain.POSITIVE, in -> in.get(0).div(in.get(1)), s(3, 4), s(4)),
      op("div_float", Domain.POSITIVE, in -> in.get(0).div(2f), s(3, 4)),
      op("pow_broadcast", Domain.POSITIVE, in -> in.get(0).pow(in.get(1)), s(3, 4), s(4)),
      op("pow_float", in -> in.get(0).pow(3f), s(3, 4)),
      op("maximum", in -> in.get(0).maximum(in.get(1)), s(3, 4), s(4)),
      op("minimum", in -> in.get(0).minimum(in.get(1)), s(3, 1), s(3, 4)),
      op("where", in -> Tensor.where(in.get(0).gt(0f), in.get(1), in.get(2)), s(3, 4), s(3, 4), s(4)),
      op("sum_all", in -> in.get(0).sum(), s(2, 3, 4)),
      op("sum_axis0", in -> in.get(0).sum(0), s(2, 3, 4)),
      op("sum_axis1_keepdims", in -> in.get(0).sum(1, true), s(2, 3, 4)),
      op("sum_axes02", in -> in.get(0).sum(new int[] {0, 2}, false), s(2, 3, 4)),
      op("mean_all", in -> in.get(0).mean(), s(2, 3, 4)),
      op("mean_last", in -> in.get(0).mean(-1), s(2, 3, 4)),
      op("mean_axes_keepdims", in -> in.get(0).mean(new int[] {1, 2}, true), s(2, 3, 4)),
      op("max_axis1", in -> in.get(0).max(1), s(3, 4)),
      op("max_all", in -> in.get(0).max(), s(3, 4)),
      op("min_axis0_keepdims", in -> in.get(0).min(0, true), s(3, 4)),
      op("var", in -> in.get(0).var(1, false), s(3, 4)),
      op("logsumexp", in -> in.get(0).logsumexp(1), s(3, 4)),
      op("softmax_axis0", in -> in.get(0).softmax(0), s(3, 4)),
      op("log_softmax", in -> in.get(0).logSoftmax(-1), s(3, 4)),
      op("reshape", in -> in.get(0).reshape(4, -1), s(2, 3, 4)),
      op("transpose_reverse", in -> in.get(0).transpose(), s(2, 3, 4)),
      op("transpose_perm", in -> in.get(0).transpose(1, 2, 0), s(2, 3, 4)),
      op("swapaxes", in -> in.get(0).swapaxes(0, -1), s(2, 3, 4)),
      op("expand_squeeze", in -> in.get(0).expandDims(1).mul(in.get(1)).squeeze(0), s(1, 4), s(3, 1)),
      op("broadcast_to", in -> in.get(0).broadcastTo(2, 3, 4), s(3, 1)),
      op("slice", in -> in.get(0).slice(1, 1, 3), s(3, 4)),
      op("slice_negative", in -> in.get(0).slice(-1, -3, -1), s(3, 4)),
      op("concat_axis0", in -> Tensor.concat(0, in.get(0), in.get(1)), s(2, 3), s(1, 3)),
      op("concat_axis1", in -> Tensor.concat(1, in.get(0), in.get(1), in.get(0)), s(2, 3), s(2, 2)),
      op("stack", in -> Tensor.stack(1, in.get(0), in.get(1)), s(2, 3), s(2, 3)),
      op("take_rows", in -> in.get(0).take(Tensor.ofInts(new int[] {3, 1, 3, 0}, 4)), s(5, 3)),
      op("take_axis1_2d_indices", in -> in.get(0).take(Tensor.ofInts(new int[] {2, 0, -1, 2}, 2, 2), 1), s(2, 4, 3)),
      op("matmul_vector_vector", in -> in.get(0).matmul(in.get(1)), s(4), s(4)),
      op("matmul_vector_matrix", in -> in.get(0).matmul(in.get(1)), s(4), s(4, 3)),
      op("matmul_matrix_vector", in -> in.get(0).matmul(in.get(1)), s(3, 4), s(4)),
      op("matmul_matrix_matrix", in -> in.get(0).matmul(in.get(1)), s(2, 4), s(4, 3)),
      op("matmul_batched_broadcast", in -> in.get(0).matmul(in.get(1)), s(2, 1, 3, 4), s(2, 4, 2)),
      op("matmul_batched_matrix", in -> in.get(0).matmul(in.get(1)), s(2, 3, 4), s(4, 2)),
      op("softmax_cross_entropy", in -> Losses.softmaxCrossEntropyWithIntegerLabels(
          in.get(0), Tensor.ofInts(new int[] {2, 0, 4}, 3)), s(3, 5)),
      op("mse", in -> Losses.mse(in.get(0), in.get(1)), s(3, 2), s(3, 2)),
      op("mlp_layer", in -> in.get(1).matmul(in.get(0)).add(in.get(2)).tanh(), s(3), s(4, 3), s(4)));
}
